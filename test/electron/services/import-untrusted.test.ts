import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/api/imports';
import { bytesOf, writeImage, writeText } from '../../support/media-fixtures';
import { importAndWait, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const reasonFor = (report: ImportReport, fileName: string) => report.problems.find((p) => p.path.endsWith(fileName))?.reason;
/** A file name with a byte that is not UTF-8 (Latin-1 é), as old archives and other systems make. */
const latin1 = (dir: string, before: string, after: string) => Buffer.concat([Buffer.from(join(dir, before)), Buffer.from([0xe9]), Buffer.from(after)]);

describe('importing folders and manifests that are not what they seem', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  async function newProject() {
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    return host;
  }

  it('lists symbolic links, FIFOs, hidden entries and names that are not UTF-8 as skipped, with the reason', async () => {
    const media = tempDir();
    await writeImage(join(media, 'good.jpg'), 'jpeg', 10, 10, 1);
    await writeImage(join(media, '.hidden/inside.jpg'), 'jpeg', 10, 10, 2);
    symlinkSync(join(media, 'good.jpg'), join(media, 'link.jpg'));
    execFileSync('mkfifo', [join(media, 'pipe.jpg')]);
    writeFileSync(latin1(media, 'caf', '.jpg'), bytesOf(join(media, 'good.jpg')));
    mkdirSync(latin1(media, 'd', 'r'));

    const report = await importAndWait(await newProject(), media);
    expect(report.state).toBe('done');
    expect(report.imported).toBe(1);
    expect(reasonFor(report, '.hidden')).toBe('hidden folder (its name starts with a dot), not searched');
    expect(reasonFor(report, 'link.jpg')).toMatch(/^symbolic link, not followed/);
    expect(reasonFor(report, 'pipe.jpg')).toBe('not a regular file (a FIFO)');
    expect(reasonFor(report, 'caf\uFFFD.jpg')).toMatch(/^the file has a name that is not valid UTF-8 .*rename it/);
    expect(reasonFor(report, 'd\uFFFDr')).toMatch(/^the folder \(nothing in it was imported\) has a name that is not valid UTF-8/);
    expect(report.problems.map((p) => p.reason)).not.toContainEqual(expect.stringMatching(/not found/));
    expect(report.failed).toBe(5);
  });

  it('reports a bad CSV row by its line without its text, and imports the rows after it', async () => {
    const media = tempDir();
    for (const [index, name] of ['1.jpg', '2.jpg', '3.jpg'].entries()) await writeImage(join(media, name), 'jpeg', 10, 10, 20 + index);
    writeText(
      join(media, 'manifest.csv'),
      ['file,camera', '1.jpg,canon', '"2.jpg" secret-after-quote,nikon', '', '3.jpg,plain', '4 inch" screen.jpg,sony', ''].join('\n'),
    );
    const report = await importAndWait(await newProject(), join(media, 'manifest.csv'));
    expect(report.imported).toBe(2);
    expect(report.problems).toEqual([
      { path: join(media, 'manifest.csv'), line: 3, reason: 'not a valid CSV row (non trimable char after closing quote)' },
      expect.objectContaining({ line: 6, reason: 'file not found' }), // a stray quote inside a field is taken as written
    ]);
    expect(JSON.stringify(report)).not.toMatch(/secret-after-quote/);
  });

  it('reads the rows after a quote left open, reporting the row it opened on', async () => {
    const media = tempDir();
    await writeImage(join(media, '1.jpg'), 'jpeg', 10, 10, 31);
    await writeImage(join(media, '2.jpg'), 'jpeg', 10, 10, 32);
    writeText(join(media, 'manifest.csv'), ['file,note', '1.jpg,"never closed', '2.jpg,fine'].join('\n'));
    const report = await importAndWait(await newProject(), join(media, 'manifest.csv'));
    expect(report.imported).toBe(1);
    expect(report.problems).toEqual([{ path: join(media, 'manifest.csv'), line: 2, reason: 'not a valid CSV row (quote not closed)' }]);
  });

  it('caps metadata values: an oversized one leaves its row out with a clear message, the rest imports', async () => {
    const media = tempDir();
    await writeImage(join(media, 'a.jpg'), 'jpeg', 10, 10, 41);
    await writeImage(join(media, 'b.jpg'), 'jpeg', 10, 10, 42);
    writeText(
      join(media, 'm.jsonl'),
      [JSON.stringify({ file: 'a.jpg', note: 'x'.repeat(5000) }), JSON.stringify({ file: 'b.jpg', note: 'short' }), '{"file": "c.jpg", "token": hunter2}'].join(
        '\n',
      ),
    );
    const host = await newProject();
    const report = await importAndWait(host, join(media, 'm.jsonl'));
    expect(report.imported).toBe(1);
    expect(report.problems).toEqual([
      { path: join(media, 'm.jsonl'), line: 3, reason: 'not valid JSON' },
      { path: join(media, 'm.jsonl'), line: 1, reason: 'metadata "note" is 5,000 characters long; values are kept up to 4,000: shorten it and import again' },
    ]);
    expect(JSON.stringify(report)).not.toMatch(/hunter2/);
    expect((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.metadata])).toEqual([['b.jpg', { note: 'short' }]]);
  });

  it('refuses a manifest that is a FIFO instead of waiting on it forever', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'manifest.csv')]);
    const report = await importAndWait(await newProject(), join(dir, 'manifest.csv'));
    expect(report.state).toBe('failed');
    expect(report.error).toMatch(/manifest\.csv is not a regular file/);
  });
});
