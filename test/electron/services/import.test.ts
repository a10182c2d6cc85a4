import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/api/imports';
import { bytesOf, copy, writeImage, writeText, writeTruncatedJpeg, writeWav } from '../../support/media-fixtures';
import { importAndWait, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const reasonFor = (report: ImportReport, fileName: string) => report.problems.find((p) => p.path.endsWith(fileName))?.reason;

describe('importing a folder of images', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('takes the good files, reports each bad one with its reason, and writes only whole samples', async () => {
    const media = tempDir();
    await writeImage(join(media, 'street/a.jpg'), 'jpeg', 64, 48, 1);
    await writeImage(join(media, 'street/b.png'), 'png', 30, 20, 2);
    await writeImage(join(media, 'c.webp'), 'webp', 16, 16, 3);
    await writeImage(join(media, 'café_ü_日本.jpg'), 'jpeg', 40, 40, 4);
    await writeTruncatedJpeg(join(media, 'truncated.jpg'));
    writeText(join(media, 'notes.png'), 'this is not an image\n');
    writeWav(join(media, 'empty.wav'), 0);
    writeText(join(media, 'readme.txt'), 'hello');
    copy(join(media, 'street/a.jpg'), join(media, 'z-copy-of-a.jpg'));
    writeText(join(media, '.DS_Store'), 'hidden files are listed as skipped, with the reason');

    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'project'), name: 'Streets', kind: 'bbox', classes: [{ name: 'car' }] });
    const report = await importAndWait(host, media);

    expect(report.state).toBe('done');
    expect(report.imported).toBe(4);
    expect(report.duplicates).toBe(1);
    expect(report.duplicateFiles).toEqual([{ path: join(media, 'z-copy-of-a.jpg'), duplicateOf: 'street/a.jpg' }]);
    expect(reasonFor(report, 'truncated.jpg')).toMatch(/truncated|corrupt/i);
    expect(reasonFor(report, 'notes.png')).toMatch(/text/i);
    expect(reasonFor(report, 'empty.wav')).toMatch(/audio file in an image project/);
    expect(reasonFor(report, 'readme.txt')).toMatch(/unsupported file type \.txt/);
    expect(reasonFor(report, '.DS_Store')).toBe('hidden file (its name starts with a dot)');
    expect(report.problems).toHaveLength(5);
    expect(report.failed).toBe(5);
    expect(report.processed).toBe(report.total);

    const page = await host.ok('samples.list', {});
    expect(page.items.map((s) => s.displayName).sort()).toEqual(['c.webp', 'café_ü_日本.jpg', 'street/a.jpg', 'street/b.png'].sort());
    const a = page.items.find((s) => s.displayName === 'street/a.jpg')!;
    expect(a.image).toEqual({ width: 64, height: 48 });
    expect(a.sha256).toBe(
      createHash('sha256')
        .update(bytesOf(join(media, 'street/a.jpg')))
        .digest('hex'),
    );
    expect(a.status).toBe('unlabeled');
    expect(a.mediaAvailable).toBe(true);
    for (const sample of page.items) {
      expect(sample.image!.width).toBeGreaterThan(0);
      expect(sample.sha256).toMatch(/^[0-9a-f]{64}$/);
    }

    // Importing the same folder again adds nothing: everything is recognised by content.
    const again = await importAndWait(host, media);
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(5);
    expect((await host.ok('projects.current', {}))!.sampleCount).toBe(4);
  });

  it('serves thumbnails and originals only for registered samples', async () => {
    const media = tempDir();
    await writeImage(join(media, 'one.png'), 'png', 800, 600, 7);
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, media);
    const [sample] = (await host.ok('samples.list', {})).items;
    const { id: sampleId, sha256 } = sample!;
    const thumbnail = await host.resolveMedia({ sampleId, variant: 'thumbnail', sha256 });
    expect(thumbnail?.mimeType).toBe('image/webp');
    expect(existsSync(thumbnail!.path)).toBe(true);
    expect((await host.resolveMedia({ sampleId, variant: 'original', sha256 }))?.path).toBe(join(media, 'one.png'));
    expect(await host.resolveMedia({ sampleId: sampleId + 1000, variant: 'original', sha256 })).toBeNull();
    // Another project's sample 1 has other content: an address with the wrong hash resolves to nothing.
    expect(await host.resolveMedia({ sampleId, variant: 'original', sha256: '0'.repeat(64) })).toBeNull();
  });
});

describe('importing audio and manifests', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('checks audio: zero-byte and corrupt files are reported, good ones give duration and sample rate', async () => {
    const media = tempDir();
    writeWav(join(media, 'hello.wav'), 1500, 16_000);
    writeWav(join(media, 'grüße.wav'), 700, 22_050);
    writeText(join(media, 'empty.wav'), '');
    writeText(join(media, 'corrupt.wav'), 'RIFF\u0000\u0000garbage that is no WAVE header');
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'Speech', kind: 'transcript' });
    const report = await importAndWait(host, media);

    expect(report.imported).toBe(2);
    expect(reasonFor(report, 'empty.wav')).toMatch(/empty file \(0 bytes\)/);
    expect(reasonFor(report, 'corrupt.wav')).toBeDefined();
    const samples = (await host.ok('samples.list', {})).items;
    const hello = samples.find((s) => s.displayName === 'hello.wav')!;
    expect(hello.audio).toEqual({ durationMs: 1500, sampleRate: 16_000, channels: 1 });
    expect(samples.find((s) => s.displayName === 'grüße.wav')!.audio?.sampleRate).toBe(22_050);
  });

  it('reads a CSV manifest: paths relative to it, tags become sample tags, other columns metadata, bad rows reported by line', async () => {
    const media = tempDir();
    await writeImage(join(media, 'imgs/1.jpg'), 'jpeg', 10, 10, 11);
    await writeImage(join(media, 'imgs/2.jpg'), 'jpeg', 10, 10, 12);
    writeText(
      join(media, 'manifest.csv'),
      ['file,tags,camera,split', 'imgs/1.jpg,blurry;night,canon,a', ',dark,nikon,b', 'imgs/2.jpg,,nikon,b', 'imgs/missing.jpg,dark,x,y', ''].join('\n'),
    );
    const host = newHost(tempDir());
    await host.ok('projects.create', {
      dir: join(tempDir(), 'p'),
      name: 'M',
      kind: 'bbox',
      classes: [{ name: 'car' }],
      tags: [{ name: 'blurry', hotkey: 'b' }],
    });
    const report = await importAndWait(host, join(media, 'manifest.csv'));

    expect(report.imported).toBe(2);
    expect(report.problems).toEqual([
      expect.objectContaining({ line: 3, reason: expect.stringMatching(/no file path/) }),
      expect.objectContaining({ line: 5, reason: expect.stringMatching(/not found/i) }),
    ]);
    const samples = (await host.ok('samples.list', {})).items;
    const first = samples.find((s) => s.displayName === 'imgs/1.jpg')!;
    expect(first.tags).toEqual(['blurry', 'night']);
    expect(first.metadata).toEqual({ camera: 'canon', split: 'a' });
    // A manifest's new tag joins the vocabulary; filtering by it finds the sample.
    expect((await host.ok('projects.current', {}))!.tags.map((t) => t.name)).toEqual(['blurry', 'night']);
    expect((await host.ok('samples.list', { filter: { tags: ['night'] } })).items.map((s) => s.displayName)).toEqual(['imgs/1.jpg']);
  });

  it('reads a JSONL manifest and reports a malformed line without losing the others', async () => {
    const media = tempDir();
    writeWav(join(media, 'a.wav'), 300);
    writeWav(join(media, 'b.wav'), 400);
    writeText(
      join(media, 'm.jsonl'),
      [
        JSON.stringify({ audio_filepath: 'a.wav', tags: ['car noise'], speaker: 7 }),
        '{"audio_filepath": "b.wav", broken',
        JSON.stringify({ audio_filepath: 'b.wav' }),
      ].join('\n'),
    );
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'J', kind: 'transcript' });
    const report = await importAndWait(host, join(media, 'm.jsonl'));
    expect(report.imported).toBe(2);
    expect(report.problems).toEqual([expect.objectContaining({ line: 2, reason: expect.stringMatching(/not valid JSON/) })]);
    const a = (await host.ok('samples.list', { filter: { tags: ['car noise'] } })).items;
    expect(a.map((s) => [s.displayName, s.metadata])).toEqual([['a.wav', { speaker: 7 }]]);
  });
});

describe('long imports', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('can be cancelled, leaving only whole samples, and a second import picks up the rest', async () => {
    const media = tempDir();
    const count = 240;
    for (let i = 0; i < count; i++) await writeImage(join(media, `img-${String(i).padStart(3, '0')}.png`), 'png', 8, 8, i + 100);
    const host = newHost(tempDir());
    const dir = join(tempDir(), 'p');
    await host.ok('projects.create', { dir, name: 'Big', kind: 'bbox', classes: [{ name: 'car' }] });

    const progress: number[] = [];
    const queueChanges: unknown[] = [];
    host.onEvent((event) => {
      if (event.name === 'queues.changed') queueChanges.push(event.payload);
    });
    const stop = host.onEvent((event) => {
      if (event.name === 'import.progress') progress.push((event.payload as ImportReport).processed);
    });
    const started = await host.ok('imports.start', { source: media, copyMedia: true });
    while ((await host.ok('imports.get', { jobId: started.jobId })).imported < 50) await new Promise((r) => setTimeout(r, 5));
    const cancelled = await host.ok('imports.cancel', { jobId: started.jobId });
    stop();

    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.imported).toBeGreaterThanOrEqual(50);
    expect(cancelled.imported).toBeLessThan(count);
    expect(progress.length).toBeGreaterThan(2);
    // The samples it did import are there: a labeler's empty queue is told to look again.
    expect(queueChanges).toEqual([{ cause: 'import' }]);
    const kept = await host.ok('samples.list', { limit: 500 });
    expect(kept.total).toBe(cancelled.imported);
    for (const sample of kept.items) {
      // Whole rows only: every kept sample has its media copied in and its facts recorded.
      expect(sample.mediaAvailable).toBe(true);
      expect(sample.image).toEqual({ width: 8, height: 8 });
    }

    const rest = await importAndWait(host, media, true);
    expect(rest.imported).toBe(count - cancelled.imported);
    expect(rest.duplicates).toBe(cancelled.imported);
    expect((await host.ok('samples.list', { limit: 1 })).total).toBe(count);
    await expect.poll(() => queueChanges).toEqual([{ cause: 'import' }, { cause: 'import' }]);
  });
});
