import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/commands';
import { runCli } from '../../electron/cli/run-cli';
import { writeWav } from '../support/media-fixtures';
import { REPO_ROOT } from '../support/paths';
import { useTempDirs } from '../support/temp-dir';

const quiet: CliIo = { out: () => undefined, err: () => undefined, progress: () => undefined, readStdin: async () => '' };

describe('an export killed midway', () => {
  const tempDir = useTempDirs();

  it('leaves no dataset folder behind, and the next export to it completes', async () => {
    const dataDir = tempDir();
    const dir = join(tempDir(), 'calls');
    const media = tempDir();
    const long = join(media, 'long.wav');
    writeWav(long, 600_000, 48_000);
    for (let i = 1; i <= 5; i++) writeWav(join(media, `short${i}.wav`), 1000 + i * 100); // lengths differ: identical files would be one sample
    expect(await runCli(['init', dir, '--kind', 'transcript'], quiet, dataDir)).toBe(0);
    expect(await runCli(['import', dir, media], quiet, dataDir)).toBe(0);
    const manifest = ['long', 'short1', 'short2', 'short3', 'short4', 'short5']
      .map((name) => JSON.stringify({ audio_filepath: `${name}.wav`, text: `hello ${name}` }))
      .join('\n');
    writeFileSync(join(media, 'labels.jsonl'), manifest);
    expect(await runCli(['labels', 'import', dir, '--labeler', 'vendor', '--format', 'jsonl', join(media, 'labels.jsonl')], quiet, dataDir)).toBe(0);

    // The recording is swapped for a named pipe that nobody writes: copying it waits forever, so
    // the export is certainly under way, and certainly unfinished, when it is killed.
    rmSync(long);
    execFileSync('mkfifo', [long]);
    const out = tempDir();
    const target = join(out, 'dataset');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'concord.js'), 'export', dir, '--format', 'jsonl', '--out', target, '--copy-media'], {
      env: { ...process.env, CONCORD_DATA_DIR: dataDir },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, signal) => resolve(signal)));
    // Kill it once its working folder appears.
    await new Promise<void>((resolve) => {
      const watcher = watch(out, (_, name) => {
        if (name?.startsWith('.concord-export-')) {
          child.kill('SIGKILL');
          watcher.close();
          resolve();
        }
      });
    });
    expect(await exited).toBe('SIGKILL');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(out).every((name) => name.startsWith('.concord-export-'))).toBe(true);

    rmSync(long);
    writeWav(long, 600_000, 48_000); // the same recording back

    expect(await runCli(['export', dir, '--version', '1', '--format', 'jsonl', '--out', target, '--copy-media'], quiet, dataDir)).toBe(0);
    expect(readdirSync(out)).toEqual([basename(target)]); // the killed export's leftovers are gone
    const rows = ['train', 'val', 'test'].flatMap((split) =>
      readFileSync(join(target, split, 'manifest.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean),
    );
    expect(rows).toHaveLength(6);
  });
});
