import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { writeImage } from '../../support/media-fixtures';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, readStdin: async () => '' };
}

describe('concord prelabels import', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  /** A bbox project with class car and two images, made with the CLI; its sample ids by file name and car's class id. */
  async function cliProject() {
    const dataDir = tempDir();
    const dir = join(tempDir(), 'street');
    const media = tempDir();
    await writeImage(join(media, 'a.png'), 'png', 100, 50, 1);
    await writeImage(join(media, 'b.png'), 'png', 100, 50, 2);
    expect(await runCli(['init', dir, '--kind', 'bbox', '--classes', 'car'], capture(), dataDir)).toBe(0);
    expect(await runCli(['import', dir, media], capture(), dataDir)).toBe(0);
    const host = newHost(tempDir());
    const project = await host.ok('projects.open', { dir });
    const samples = new Map((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.id]));
    await host.ok('projects.close', {});
    return { dataDir, dir, host, car: project.classes[0]!.id, a: samples.get('a.png')!, b: samples.get('b.png')! };
  }

  it('stores COCO results under the source name, says how many samples, and the audit log records who imported them', async () => {
    const { dataDir, dir, host, car, a, b } = await cliProject();
    const file = join(tempDir(), 'detections.json');
    writeFileSync(
      file,
      JSON.stringify([
        { image_id: a, category_id: car, bbox: [10, 5, 30, 20], score: 0.9 },
        { image_id: b, category_id: car, bbox: [50, 5, 30, 20], score: 0.8 },
      ]),
    );
    const io = capture();
    expect(await runCli(['prelabels', 'import', dir, file, '--source', 'yolo run 3', '--format', 'coco-results'], io, dataDir)).toBe(0);
    expect(io.stdout).toEqual(['Imported predictions for 2 samples as "yolo run 3".']);

    await host.ok('projects.open', { dir });
    const summary = await host.ok('prelabels.summary', {});
    expect(summary.sources).toEqual([{ source: 'yolo run 3', samples: 2, importedAt: expect.any(String) }]);
    const audit = await host.ok('audit.list', {});
    expect(audit.entries.find((entry) => entry.action === 'prelabels.import')).toMatchObject({
      subject: 'predictions "yolo run 3"',
      details: { format: 'coco-results', imported: 2, problems: 0 },
    });
  });

  it('refuses without a source or a format it can tell, or a file of the wrong shape', async () => {
    const { dataDir, dir, a, car } = await cliProject();
    const file = join(tempDir(), 'detections.json');
    writeFileSync(file, JSON.stringify([{ image_id: a, category_id: car, bbox: [10, 5, 30, 20], score: 0.9 }]));

    const noSource = capture();
    expect(await runCli(['prelabels', 'import', dir, file, '--format', 'coco-results'], noSource, dataDir)).toBe(1);
    expect(noSource.stderr.join('\n')).toContain('--source NAME is required');

    // A .json file may be COCO results or a Label Studio export: the user says which.
    const noFormat = capture();
    expect(await runCli(['prelabels', 'import', dir, file, '--source', 'm'], noFormat, dataDir)).toBe(1);
    expect(noFormat.stderr.join('\n')).toContain('--format coco-results');

    // Not a COCO results list: refused naming the file, never echoing what it holds, and nothing is stored.
    writeFileSync(file, JSON.stringify({ secret: 'TOP-SECRET' }));
    const malformed = capture();
    expect(await runCli(['prelabels', 'import', dir, file, '--source', 'm', '--format', 'coco-results'], malformed, dataDir)).toBe(1);
    expect(malformed.stderr.join('\n')).toContain('detections.json');
    expect(malformed.stderr.join('\n')).not.toContain('TOP-SECRET');
    expect(malformed.stdout).toEqual([]);
  });
});
