import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

// Static analysis of the Electron side (electronegativity); it waits on network
// look-ups that fail offline, hence the generous timeout.
it('passes the Electron security scan with no unreviewed findings', { timeout: 120_000 }, async () => {
  const result = await promisify(execFile)(process.execPath, ['scripts/check-electron-security.mjs'], { cwd: root }).catch(
    (error: { code?: number; stdout?: string; stderr?: string }) => error,
  );
  expect(result.stdout).toContain('electronegativity: passed');
  expect('code' in result ? result.code : 0, result.stdout).toBe(0);
});
