import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { writeImage } from '../../support/media-fixtures';
import { useTempDirs } from '../../support/temp-dir';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, readStdin: async () => '' };
}

/** Two annotators' boxes on two images, as a Label Studio JSON export has them. */
function labelStudioExport(): unknown[] {
  const box = (x: number) => ({ type: 'rectanglelabels', value: { x, y: 10, width: 20, height: 20, rectanglelabels: ['car'] } });
  return ['car1.png', 'car2.png'].map((file, index) => ({
    id: index + 1,
    data: { image: `/data/upload/2/0badc0de-${file}` },
    annotations: [
      { completed_by: { email: 'ana@example.org' }, result: [box(10)] },
      { completed_by: { email: 'ben@example.org' }, result: [box(12)] },
    ],
    predictions: [{ score: 0.9, result: [box(11)] }],
  }));
}

describe('concord labels import and export for Label Studio and CVAT', () => {
  const tempDir = useTempDirs();

  it("imports each annotator's work as theirs, then exports every labeler's answers as a CVAT job each", async () => {
    const dataDir = tempDir();
    const dir = join(tempDir(), 'street');
    const media = tempDir();
    await writeImage(join(media, 'car1.png'), 'png', 40, 30, 1);
    await writeImage(join(media, 'car2.png'), 'png', 40, 30, 2);
    expect(await runCli(['init', dir, '--kind', 'bbox', '--classes', 'car'], capture(), dataDir)).toBe(0);
    expect(await runCli(['import', dir, media], capture(), dataDir)).toBe(0);

    const file = join(tempDir(), 'tasks.json');
    writeFileSync(file, JSON.stringify(labelStudioExport()));
    const imported = capture();
    expect(await runCli(['labels', 'import', dir, '--labeler', 'vendor', '--format', 'label-studio', file], imported, dataDir)).toBe(0);
    expect(imported.stdout).toEqual(['Imported 4 labels:', '  ana@example.org: 2 (new labeler)', '  ben@example.org: 2 (new labeler)']);
    expect(imported.stderr).toEqual(["  tasks.json: its 2 predictions are a model's, not labels: score them against a dataset version (train.predictions)"]);

    const out = join(tempDir(), 'cvat');
    const exported = capture();
    expect(await runCli(['labels', 'export', dir, '--format', 'cvat', '--out', out], exported, dataDir)).toBe(0);
    expect(exported.stdout).toEqual([`Exported 4 answers of 2 labelers to ${out}.`]);
    expect(
      readdirSync(out)
        .map((name) => name.replace(/^\d+-/, ''))
        .sort(),
    ).toEqual(['ana_example.org.xml', 'ben_example.org.xml']);

    const usage = capture();
    expect(await runCli(['labels', 'export', dir, '--format', 'coco', '--out', join(tempDir(), 'x')], usage, dataDir)).toBe(1);
    expect(usage.stderr.join('\n')).toContain('usage: concord labels export <dir> --format label-studio|cvat --out DIR');
  });
});
