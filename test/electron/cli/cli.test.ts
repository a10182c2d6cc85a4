import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { writeImage, writeText } from '../../support/media-fixtures';
import { useTempDirs } from '../../support/temp-dir';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined };
}

describe('the concord CLI', () => {
  const tempDir = useTempDirs();

  it('creates a project, imports into it and describes it', async () => {
    const dataDir = tempDir();
    const dir = join(tempDir(), 'street');
    const media = tempDir();
    await writeImage(join(media, 'a.jpg'), 'jpeg', 20, 10, 1);
    await writeImage(join(media, 'b.png'), 'png', 20, 10, 2);
    writeText(join(media, 'bad.png'), 'text');

    const init = capture();
    expect(await runCli(['init', dir, '--kind', 'bbox', '--classes', 'car, person,bike'], init, dataDir)).toBe(0);
    expect(init.stdout.join('\n')).toMatch(/Created bbox project "street"/);
    expect(init.stdout.join('\n')).toMatch(/car \[1\], person \[2\], bike \[3\]/);

    const imported = capture();
    expect(await runCli(['import', dir, media], imported, dataDir)).toBe(0);
    expect(imported.stdout[0]).toBe('Imported 2 of 3 files (0 duplicates, 1 skipped).');
    expect(imported.stdout.join('\n')).toMatch(/skipped {4}.*bad\.png: .*text/);

    const info = capture();
    expect(await runCli(['info', dir, '--json'], info, dataDir)).toBe(0);
    const summary = JSON.parse(info.stdout.join('\n')) as { sampleCount: number; classes: Array<{ name: string }> };
    expect(summary.sampleCount).toBe(2);
    expect(summary.classes.map((c) => c.name)).toEqual(['car', 'person', 'bike']);
  });

  it('exits 1 with a clear message for a user error', async () => {
    const dataDir = tempDir();
    const cases: Array<[string[], RegExp]> = [
      [['init', join(tempDir(), 'x')], /--kind must be bbox or transcript/],
      [['info', tempDir()], /No Concord project in .* \(there is no concord\.db\)/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['init', join(tempDir(), 'y'), '--kind', 'bbox', '--colour', 'x'], /Unknown option '--colour'/],
      [['import', join(tempDir(), 'z'), '/no/such/folder'], /No Concord project/],
    ];
    for (const [argv, message] of cases) {
      const io = capture();
      expect(await runCli(argv, io, dataDir), argv.join(' ')).toBe(1);
      expect(io.stderr.join('\n')).toMatch(message);
    }
  });

  it('exits 1 when the import source does not exist', async () => {
    const dataDir = tempDir();
    const dir = join(tempDir(), 'p');
    expect(await runCli(['init', dir, '--kind', 'transcript'], capture(), dataDir)).toBe(0);
    const io = capture();
    expect(await runCli(['import', dir, join(tempDir(), 'nope')], io, dataDir)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/Nothing to import at .*nope: no such file or folder/);
  });
});
