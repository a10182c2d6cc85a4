import { writeFileSync } from 'node:fs';
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

describe('CLI commands reading a file that is malformed', () => {
  const tempDir = useTempDirs();

  it('concord labels import exits 1 naming the file and the fault, never an internal error or the file text', async () => {
    const dataDir = tempDir();
    const dir = join(tempDir(), 'p');
    const media = tempDir();
    await writeImage(join(media, 'a.jpg'), 'jpeg', 20, 10, 1);
    expect(await runCli(['init', dir, '--kind', 'bbox', '--classes', 'car'], capture(), dataDir)).toBe(0);
    expect(await runCli(['import', dir, media], capture(), dataDir)).toBe(0);
    const files = tempDir();
    const cases: Array<[string, string, RegExp]> = [
      ['null.json', 'null', /null\.json is not a COCO detection file: expected object, received null/],
      ['images.json', '{"images":5}', /images\.json is not a COCO detection file: images: expected array, received number/],
      ['image-null.json', '{"images":[null]}', /image 1: expected object, received null[\s\S]*nothing was imported/],
      ['annotations.json', '{"images":[{"id":1,"file_name":"a.jpg"}],"annotations":[null]}', /annotation 1: expected object, received null/],
      ['secret.json', 'password=hunter2\n', /secret\.json is not valid JSON\.$/],
    ];
    for (const [name, text, message] of cases) {
      writeFileSync(join(files, name), text);
      const io = capture();
      expect(await runCli(['labels', 'import', dir, '--labeler', 'vendor', '--format', 'coco', join(files, name)], io, dataDir), name).toBe(1);
      const said = [...io.stdout, ...io.stderr].join('\n');
      expect(said, name).toMatch(message);
      expect(said, name).not.toMatch(/internal|hunter2|at parseCoco/);
    }
  });

  it('concord metrics --input names a file it cannot parse without quoting it', async () => {
    const file = join(tempDir(), 'ratings.json');
    writeFileSync(file, 'password=hunter2\n');
    const io = capture();
    expect(await runCli(['metrics', 'alpha', '--input', file], io, tempDir())).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/ratings\.json is not valid JSON/);
    expect(io.stderr.join('\n')).not.toMatch(/hunter2|password/);
  });
});
