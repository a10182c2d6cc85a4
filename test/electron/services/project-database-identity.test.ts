import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/db/connection';
import { CONCORD_APPLICATION_ID } from '../../../electron/db/inspect-database';
import { migrate } from '../../../electron/db/migrate';
import { damagePageOf } from '../../support/damaged-database';
import { closedProject, openFilesUnder } from '../../support/project-opening';
import { useServiceHost, TEST_PASSWORD } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describe('opening a file that claims to be a project database', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  /** Opening `dir` is refused with `pattern`, leaves every byte of concord.db as it was and no handle open. */
  async function expectRefusedUntouched(dir: string, pattern: RegExp) {
    const file = join(dir, 'concord.db');
    const before = readFileSync(file);
    const host = newHost(tempDir());
    const error = await host.fails('projects.open', { dir });
    expect(error.code).toBe('failed_precondition');
    expect(error.message).toMatch(pattern);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['concord.db']); // no -wal, -shm or lock left behind
    expect(openFilesUnder(dir)).toEqual([]);
    renameSync(file, `${file}.moved`); // the user can move it away at once
    return error;
  }

  it("refuses another application's SQLite database without adding a table or a byte", async () => {
    const dir = tempDir();
    const foreign = new BetterSqlite3(join(dir, 'concord.db'));
    foreign.exec("CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('secret soup')");
    foreign.close();
    const error = await expectRefusedUntouched(dir, /is not a Concord database.*Nothing was changed/);
    expect(error.message).not.toContain('soup');
  });

  it('refuses a zero-byte file instead of starting a new project in it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'concord.db'), '');
    await expectRefusedUntouched(dir, /is an empty file, not a Concord project/);
  });

  it('refuses a file that is not a database at all, without quoting it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'concord.db'), 'my diary: nothing to see here, just text that is long enough to look like a file header\n'.repeat(20));
    const error = await expectRefusedUntouched(dir, /is not a Concord database/);
    expect(error.message).not.toContain('diary');
  });

  it('marks new projects as Concord databases, and older Concord databases when they are opened', async () => {
    const { host, paths } = await closedProject(newHost, tempDir);
    expect(applicationId(paths.database)).toBe(CONCORD_APPLICATION_ID);

    // A project made before Concord set its application id: its tables say it is ours.
    const dir = tempDir();
    const old = openConnection(join(dir, 'concord.db'));
    await migrate(old.db, { target: 10 });
    await sql`INSERT INTO project (id, name, kind, created_at) VALUES (1, 'Old', 'bbox', 1)`.execute(old.db);
    await sql`INSERT INTO guideline_version (version, body_md, changelog, published_at) VALUES (1, '# G', 'first', 1)`.execute(old.db);
    await old.close();
    expect(applicationId(join(dir, 'concord.db'))).toBe(0);
    expect((await host.ok('projects.open', { dir })).name).toBe('Old');
    await host.ok('projects.close', {});
    expect(applicationId(join(dir, 'concord.db'))).toBe(CONCORD_APPLICATION_ID);
  });

  it('refuses a damaged database, names the latest backup, and lets go of the file', async () => {
    // A host that checks before opening (the CLI); the app checks beside the open project and closes it with the same refusal (background-integrity-check.test.ts).
    const host = newHost(tempDir(), { hostKind: 'cli' });
    const project = await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }], tags: [] });
    await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    await host.ok('projects.close', {});
    const file = join(project.dir, 'concord.db');
    const backups = join(project.dir, 'backups');
    mkdirSync(backups);
    copyFileSync(file, join(backups, 'concord-schema10-2026-01-01.db'));
    copyFileSync(file, join(backups, 'concord-schema12-2026-02-01.db'));
    damagePageOf(file, 'labeler');

    const error = await host.fails('projects.open', { dir: project.dir });
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/is damaged \(SQLite's integrity check failed\)/);
    expect(error.message).toContain(join(backups, 'concord-schema12-2026-02-01.db'));
    expect(openFilesUnder(project.dir)).toEqual([]);
    expect(existsSync(join(project.dir, 'concord.lock'))).toBe(false);

    // Restoring puts the latest copy in place and keeps the damaged file among the backups.
    const damaged = readFileSync(file);
    expect((await host.ok('projects.restoreBackup', { dir: project.dir })).labelerCount).toBe(2); // the owner and ana
    const kept = readdirSync(backups).filter((name) => name.startsWith('concord-damaged-') && name.endsWith('.db'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(backups, kept[0]!)).equals(damaged)).toBe(true);
    await host.ok('projects.close', {});
    damagePageOf(file, 'labeler');
    expect((await host.fails('projects.open', { dir: project.dir })).message).toContain('concord-schema12-2026-02-01.db'); // not the damaged one set aside
    expect((await host.ok('projects.restoreBackup', { dir: project.dir })).labelerCount).toBe(2); // the owner and ana
    // A sound database is never replaced by a backup.
    expect(await host.fails('projects.restoreBackup', { dir: project.dir })).toMatchObject({
      code: 'failed_precondition',
      message: expect.stringMatching(/is not damaged/),
    });
  });

  it('tells the owner when the copy a restore would bring back was made and what it holds', async () => {
    const host = newHost(tempDir());
    const project = await host.ok('projects.openDemo', { kind: 'bbox' });
    const { total: samples } = await host.ok('samples.list', {});
    await host.ok('projects.close', {});
    const file = join(project.dir, 'concord.db');
    const backups = join(project.dir, 'backups');
    mkdirSync(backups, { recursive: true });
    // The copy holds less than the project does now: every sample, but only three saved revisions.
    const copy = join(backups, 'concord-schema12-2026-02-01.db');
    copyFileSync(file, copy);
    const older = new BetterSqlite3(copy);
    older.exec('DELETE FROM annotation_revision WHERE id > 3');
    older.close();
    const madeAt = new Date('2026-02-01T09:30:00.000Z');
    utimesSync(copy, madeAt, madeAt);
    damagePageOf(file, 'labeler');

    expect(await host.ok('projects.latestBackup', { dir: project.dir })).toEqual({
      file: copy,
      madeAt: madeAt.toISOString(),
      sampleCount: samples,
      revisionCount: 3,
    });
    // A copy that is itself damaged is no way back, and is named as such.
    damagePageOf(copy, 'sample');
    expect(await host.fails('projects.latestBackup', { dir: project.dir })).toMatchObject({
      code: 'failed_precondition',
      message: `The latest copy, ${copy}, is damaged; restore the folder from a backup of your own.`,
    });
    expect((await host.fails('projects.latestBackup', { dir: tempDir() })).code).toBe('not_found');
  });

  it('says so when a damaged database has no backup', async () => {
    const { host, dir, paths } = await closedProject(newHost, tempDir, { hostKind: 'cli' });
    damagePageOf(paths.database, 'sample');
    const error = await host.fails('projects.open', { dir });
    expect(error.message).toMatch(/There is no copy in .*backups; restore the folder from a backup of your own/);
    expect(await host.ok('projects.latestBackup', { dir })).toBeNull();
  });
});

function applicationId(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.pragma('application_id', { simple: true }) as number;
  } finally {
    db.close();
  }
}
