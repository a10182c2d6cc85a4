import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipTranscript } from '../../support/clip-payload';
import { buildPcmWav, tone } from '../media/pcm-wav';
import { importAndWait, openDemoAs, useServiceHost, type TestHost, TEST_PASSWORD } from '../../support/service-host';
import { SPLITS } from '../../support/dataset-splits';
import { useTempDirs } from '../../support/temp-dir';

const clip = (tags: string[]) => clipTranscript('beep', tags);

/**
 * Eight half-second clips, a low hum (about 200 Hz) or a whistle (about 3 kHz), both labeled by ana and ben,
 * who tag the hums "hum"; ben also tags one whistle "hum".
 */
async function humOrWhistle(host: TestHost, dir: string): Promise<{ media: string; ben: number }> {
  const media = join(dir, 'clips');
  mkdirSync(media);
  for (let n = 0; n < 8; n++) {
    // A few hertz apart, so that no two files are the same (an import keeps one of duplicates).
    const hz = (n % 2 === 0 ? 200 : 3000) + n;
    writeFileSync(
      join(media, `${n % 2 === 0 ? 'hum' : 'whistle'}-${n}.wav`),
      buildPcmWav({ encoding: 's16', sampleRate: 16_000, channels: 1, frames: 8000, signal: tone(0.5, hz, 16_000) }),
    );
  }
  await host.ok('projects.create', { dir: join(dir, 'p'), name: 'Hum or whistle', kind: 'transcript', tags: [{ name: 'hum' }] });
  await importAndWait(host, media);
  const [ana, ben] = [
    await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD }),
    await host.ok('labelers.create', { name: 'ben', password: TEST_PASSWORD }),
  ];
  const eli = await host.ok('labelers.create', { name: 'eli', role: 'engineer', password: TEST_PASSWORD });
  for (const sample of (await host.ok('samples.list', {})).items) {
    const hum = sample.displayName.startsWith('hum');
    for (const labeler of [ana, ben]) {
      await host.signInAs(labeler.id);
      const tags = hum || (labeler === ben && sample.displayName === 'whistle-1.wav') ? ['hum'] : [];
      await host.ok('annotations.save', { labelerId: labeler.id, sampleId: sample.id, payload: clip(tags), status: 'submitted', baseRevision: null });
    }
  }
  await host.signInAs(eli.id);
  return { media, ben: ben.id };
}

describe('clips for training', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('gives each clip of a version its spectrogram and tag class, with labeler pair agreement on the tag as HLP', async () => {
    const host = newHost(tempDir());
    await humOrWhistle(host, tempDir());
    const version = await host.ok('datasets.create', SPLITS);
    const data = await host.ok('train.clips', { version: version.version, target: { kind: 'tag', tag: 'hum' } });

    expect(data.classes.map((c) => c.name)).toEqual(['not hum', 'hum']);
    expect(data.examples).toHaveLength(8);
    expect(data.problems).toEqual([]);
    const perClip = data.bands * data.steps;
    const features = new Float32Array(new Uint8Array(Buffer.from(data.features, 'base64')).buffer);
    expect(features.length).toBe(8 * perClip);
    // The loudest band of a hum sits below that of a whistle; the clips both labelers agree on keep their class.
    const loudestBand = (i: number) => {
      const clipFeatures = features.subarray(i * perClip, (i + 1) * perClip);
      return Math.floor(clipFeatures.indexOf(Math.max(...clipFeatures)) / data.steps);
    };
    const hums = data.examples.flatMap((e, i) => (e.fileName.startsWith('hum') ? [i] : []));
    const whistles = data.examples.flatMap((e, i) => (e.fileName.startsWith('whistle') && e.fileName !== 'whistle-1.wav' ? [i] : []));
    for (const i of hums) expect(data.examples[i]!.label).toBe(1);
    for (const i of whistles) expect(data.examples[i]!.label).toBe(0);
    expect(Math.max(...hums.map(loudestBand))).toBeLessThan(Math.min(...whistles.map(loudestBand)));
    // Seven of the eight pairs of answers agree on "hum".
    expect(data.hlp.find((h) => h.slice === 'all')!.value).toBe(7 / 8);
  });

  it('leaves out a clip whose audio can no longer be read, saying why', async () => {
    const host = newHost(tempDir());
    const { media } = await humOrWhistle(host, tempDir());
    const version = await host.ok('datasets.create', SPLITS);
    writeFileSync(join(media, 'hum-2.wav'), 'overwritten by a text editor');
    rmSync(join(media, 'hum-4.wav'));
    const data = await host.ok('train.clips', { version: version.version, target: { kind: 'tag', tag: 'hum' } });
    expect(data.examples.map((e) => e.fileName)).not.toContain('hum-2.wav');
    expect(data.examples).toHaveLength(6);
    // Short reasons, without the paths of the files.
    expect(data.problems).toEqual([
      { fileName: 'hum-2.wav', message: expect.stringMatching(/not audio/) },
      { fileName: 'hum-4.wav', message: 'file not found' },
    ]);
    expect(data.problems.every((p) => !p.message.includes(media))).toBe(true);
  });

  it('refuses a target with one class only, and measures HLP on the version’s own samples', async () => {
    const host = newHost(tempDir());
    const { media } = await humOrWhistle(host, tempDir());
    const version = await host.ok('datasets.create', SPLITS);
    // Every clip says "beep": as transcripts, there is nothing to tell apart.
    const same = await host.fails('train.clips', { version: version.version, target: { kind: 'transcript' } });
    expect(same).toMatchObject({ code: 'failed_precondition', message: expect.stringMatching(/Every clip of v1 says the same/) });

    // Two clips labeled after the version, on which ana and ben disagree, do not change its HLP.
    writeFileSync(join(media, 'late.wav'), buildPcmWav({ encoding: 's16', sampleRate: 16_000, channels: 1, frames: 8000, signal: tone(0.5, 1234, 16_000) }));
    await importAndWait(host, media);
    const late = (await host.ok('samples.list', {})).items.find((s) => s.displayName === 'late.wav')!;
    const labelers = new Map((await host.ok('labelers.list', {})).map((l) => [l.name, l.id]));
    for (const [name, tags] of [
      ['ana', ['hum']],
      ['ben', []],
    ] as const) {
      await host.signInAs(labelers.get(name)!);
      await host.ok('annotations.save', {
        labelerId: labelers.get(name)!,
        sampleId: late.id,
        payload: clip([...tags]),
        status: 'submitted',
        baseRevision: null,
      });
    }
    await host.signInAs(labelers.get('eli')!);
    const data = await host.ok('train.clips', { version: version.version, target: { kind: 'tag', tag: 'hum' } });
    expect(data.hlp.find((h) => h.slice === 'all')!.value).toBe(7 / 8);
  });

  it('predicts the demo’s transcripts as classes, refuses a tag that separates nothing, and stays with coordinators', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'transcript', 'eli');
    const version = await host.ok('datasets.create', SPLITS);
    const data = await host.ok('train.clips', { version: version.version, target: { kind: 'transcript' } });
    // Every demo clip is a different command, so each is its own class.
    const clips = (await host.ok('samples.list', { limit: 500 })).total;
    expect(data.classes).toHaveLength(clips);
    expect(data.classes.map((c) => c.name)).toContain('what time is sunset today'); // all three labelers wrote it
    expect(new Set(data.examples.map((e) => e.label))).toEqual(new Set(data.classes.map((_, index) => index)));
    expect(data.hlp.find((h) => h.slice === 'all')!.value).toBeGreaterThan(0.5);

    const refused = await host.fails('train.clips', { version: version.version, target: { kind: 'tag', tag: 'car noise' } });
    expect(refused).toMatchObject({ code: 'failed_precondition', message: expect.stringMatching(/No clip of v1 is tagged “car noise”/) });
    expect((await host.fails('train.crops', { version: version.version })).code).toBe('failed_precondition');
    await host.signInAs(labelers.get('ana')!);
    expect((await host.fails('train.clips', { version: version.version, target: { kind: 'transcript' } })).code).toBe('forbidden');
  });
});
