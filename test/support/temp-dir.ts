import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

/**
 * Fresh folders, removed after the test that made them, or with `scope: 'suite'` after
 * the whole describe block (for a server started once in beforeAll and used by every test).
 */
export function useTempDirs(scope: 'test' | 'suite' = 'test'): () => string {
  const made: string[] = [];
  (scope === 'test' ? afterEach : afterAll)(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'concord-test-'));
    made.push(dir);
    return dir;
  };
}
