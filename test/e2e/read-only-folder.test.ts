import { execFile } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths';
import { useTempDirs } from '../support/temp-dir';

const run = promisify(execFile);
const CONCORD = join(REPO_ROOT, 'bin', 'concord.js');
/** Root ignores file permissions: the case needs another user, which only root can become. */
const AS_ROOT = process.getuid?.() === 0;

describe.skipIf(!AS_ROOT)('a project folder the user may not write (runs the CLI as user nobody, so only as root; skipped otherwise)', () => {
  const tempDir = useTempDirs();

  it('refuses a write with "cannot be written; nothing was saved" instead of an internal error, changing nothing', { timeout: 60_000 }, async () => {
    const parent = tempDir();
    chmodSync(parent, 0o755);
    const dir = join(parent, 'p');
    await run(process.execPath, [CONCORD, 'init', dir, '--kind', 'bbox', '--classes', 'car'], { env: { ...process.env, CONCORD_DATA_DIR: tempDir() } });
    // Projects are created owner-only; this one is shared for reading with other users on purpose.
    chmodSync(dir, 0o755);
    for (const name of readdirSync(dir)) chmodSync(join(dir, name), statSync(join(dir, name)).isDirectory() ? 0o755 : 0o644);
    const before = readFileSync(join(dir, 'concord.db'));
    const labels = join(parent, 'labels.json');
    const settings = tempDir();
    chmodSync(settings, 0o777); // nobody's own settings may be written

    const attempt = await run(
      'runuser',
      ['-u', 'nobody', '--', process.execPath, CONCORD, 'labels', 'import', dir, '--labeler', 'x', '--format', 'coco', labels],
      {
        env: { ...process.env, CONCORD_DATA_DIR: settings },
      },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(attempt.code).toBe(1);
    expect(attempt.stderr).toMatch(/The project cannot be written \(.*read-only\); nothing was saved/);
    expect(readFileSync(join(dir, 'concord.db')).equals(before)).toBe(true);
  });
});
