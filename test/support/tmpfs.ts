import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Mounting needs root; tests that need a small or read-only disk are skipped otherwise (their names say so). */
export const CAN_MOUNT = process.getuid?.() === 0 && process.platform === 'linux';

/**
 * Small RAM-backed file systems for full-disk and read-only cases, unmounted after each
 * test whatever happened in it.
 */
export function useTmpfs(): { mount(sizeMb: number): string; remount(dir: string, options: string): void } {
  const mounted: string[] = [];
  afterEach(() => {
    for (const dir of mounted.splice(0)) {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return {
    mount(sizeMb) {
      const dir = mkdtempSync(join(tmpdir(), 'concord-tmpfs-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
      mounted.push(dir);
      return dir;
    },
    remount(dir, options) {
      execFileSync('mount', ['-o', `remount,${options}`, dir]);
    },
  };
}
