import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../../electron/media/hash';

let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'concord-hash-'));
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('sha256File', () => {
  it('matches crypto on a file spanning several read chunks', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const path = join(workDir, 'random.bin');
    writeFileSync(path, bytes);
    expect(await sha256File(path)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('hashes an empty file', async () => {
    const path = join(workDir, 'empty.bin');
    writeFileSync(path, '');
    expect(await sha256File(path)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('rejects with an AbortError soon after the signal aborts', async () => {
    // 1 GiB of zeros without writing them (a sparse file): about a second to hash in full.
    const path = join(workDir, 'huge.bin');
    writeFileSync(path, '');
    truncateSync(path, 1024 ** 3);

    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 50);
    // Rejecting at all proves the hash stopped midway; finishing would have resolved.
    await expect(sha256File(path, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const path = join(workDir, 'small.bin');
    writeFileSync(path, 'x');
    await expect(sha256File(path, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});
