import { closeSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { writeNoiseImage } from '../../support/media-fixtures';
import { useServiceHost, TEST_PASSWORD } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';
import { CAN_MOUNT, useTmpfs } from '../../support/tmpfs';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, readStdin: async () => '' };
}

/** Fills the file system holding `dir` to the last byte; returns the filler to delete. */
function fillDisk(dir: string): string {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return filler;
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

describe.skipIf(!CAN_MOUNT)('a full or read-only disk (mounts small tmpfs file systems, so runs only as root; skipped otherwise)', () => {
  const tempDir = useTempDirs();
  const tmpfs = useTmpfs();
  const newHost = useServiceHost();

  it('ends an import that fills the disk with a clear error, no orphan files, and a way to finish it', { timeout: 120_000 }, async () => {
    const media = tempDir();
    for (let i = 0; i < 10; i++) await writeNoiseImage(join(media, `noise-${i}.png`), 400, 400); // about 4.8 MB
    const disk = tmpfs.mount(2);
    const dir = join(disk, 'p');
    const dataDir = tempDir();
    expect(await runCli(['init', dir, '--kind', 'bbox', '--classes', 'thing'], capture(), dataDir)).toBe(0);

    const failed = capture();
    expect(await runCli(['import', dir, media, '--copy-media'], failed, dataDir)).not.toBe(0);
    const message = failed.stderr.join('\n');
    expect(message).toMatch(/Import failed: The disk is full: (\d+) of 10 files were imported before it filled up/);
    expect(message).toMatch(/Free some space and run the same import again/);

    // Every copy and thumbnail left belongs to a sample; nothing half-written.
    const db = new BetterSqlite3(join(dir, 'concord.db'), { readonly: true });
    const hashes = (db.prepare('SELECT sha256 FROM sample').all() as Array<{ sha256: string }>).map((r) => r.sha256);
    db.close();
    expect(message).toContain(`: ${hashes.length} of 10 files were imported`);
    expect(
      filesUnder(join(dir, 'media'))
        .map((f) => f.replace(/\..*$/, ''))
        .sort(),
    ).toEqual([...hashes].sort());
    expect(
      filesUnder(join(dir, 'cache', 'thumbnails'))
        .map((f) => f.replace(/\..*$/, ''))
        .sort(),
    ).toEqual([...hashes].sort());

    // With room again, the same import finishes the job.
    tmpfs.remount(disk, 'size=32m');
    const resumed = capture();
    expect(await runCli(['import', dir, media, '--copy-media'], resumed, dataDir)).toBe(0);
    expect(resumed.stdout.join('\n')).toMatch(new RegExp(`Imported ${10 - hashes.length} of 10 files \\(${hashes.length} duplicates`));
  });

  it('reports a save on a full disk as "the disk is full; nothing was saved", and keeps every save it confirmed', async () => {
    const disk = tmpfs.mount(2);
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(disk, 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }], tags: [] });
    const filler = fillDisk(disk);
    const confirmed: string[] = [];
    let refusal: { code: string; message: string } | null = null;
    // SQLite reuses space its log already has, so a few saves may still fit: go on until the disk refuses one.
    for (let i = 0; i < 500 && !refusal; i++) {
      const name = `labeler-${i}-${'x'.repeat(70)}`;
      const result = await host.call('labelers.create', { name: name.slice(0, 80), password: TEST_PASSWORD });
      if (result.ok) confirmed.push(name.slice(0, 80));
      else refusal = result.error;
    }
    expect(refusal).toEqual({ code: 'disk_full', message: 'The disk is full; nothing was saved. Free some space and try again.' });
    rmSync(filler);
    const names = (await host.ok('labelers.list', {})).filter((l) => !l.owner).map((l) => l.name);
    expect(names).toEqual(confirmed);
    await host.ok('labelers.create', { name: 'after freeing space', password: TEST_PASSWORD });
  });

  it('on a read-only disk, says the project cannot be written and nothing was changed', async () => {
    const disk = tmpfs.mount(4);
    const host = newHost(tempDir());
    const project = await host.ok('projects.create', { dir: join(disk, 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }], tags: [] });
    await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    await host.ok('projects.close', {});
    tmpfs.remount(disk, 'ro');

    const refused = await host.fails('projects.open', { dir: project.dir });
    expect(refused).toMatchObject({ code: 'read_only', message: expect.stringMatching(/cannot be written.*Open the project read-only/) });
    // SQLite cannot read a WAL database where it may not create its shared-memory file: the user is told what to do.
    const view = await host.fails('projects.open', { dir: project.dir, readOnly: true });
    expect(view).toMatchObject({ code: 'read_only', message: expect.stringMatching(/read-only disk .* Copy the project folder to a writable place/) });
  });
});
