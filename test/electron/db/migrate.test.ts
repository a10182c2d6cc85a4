import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/db/connection';
import { migrate, schemaVersion } from '../../../electron/db/migrate';
import { MIGRATIONS, type MigrationDb } from '../../../electron/db/migrations';
import { openProjectDatabase, projectPaths } from '../../../electron/services/project-folder';
import { countRows, getProject, insertGuidelineVersion, insertProject } from '../../../electron/db/queries/project';
import { ApiError } from '../../../shared/api/errors';
import { describeOnEngines } from '../../support/engines';
import { REPO_ROOT } from '../../support/paths';
import { useTempDirs } from '../../support/temp-dir';

const LATEST = MIGRATIONS.at(-1)!.version;

async function tableNames(file: string): Promise<string[]> {
  const connection = openConnection(file);
  const rows = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(connection.db);
  await connection.close();
  return rows.rows.map((r) => r.name);
}

describe('migrations of a project file', () => {
  const tempDir = useTempDirs();

  it('builds the newest schema on an empty database, with durable settings', async () => {
    const paths = projectPaths(join(tempDir(), 'p'));
    const connection = await openProjectDatabase(paths);
    expect(await schemaVersion(connection.db)).toBe(LATEST);
    expect(connection.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(connection.sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(connection.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await connection.close();
    expect(await tableNames(paths.database)).toEqual(
      expect.arrayContaining([
        'project',
        'label_class',
        'tag',
        'labeler',
        'guideline_version',
        'sample',
        'sample_tag',
        'annotation',
        'annotation_revision',
        'import_job',
      ]),
    );
    // Nothing to lose on a new database, so no backup is taken.
    expect(existsSync(paths.backups)).toBe(false);
  });

  it('upgrades a database of an earlier version, keeping its data and a backup of the old file', async () => {
    const paths = projectPaths(tempDir());
    const old = openConnection(paths.database);
    await migrate(old.db, { target: 1 });
    await sql`INSERT INTO project (id, name, kind, created_at) VALUES (1, 'Old project', 'bbox', 1)`.execute(old.db);
    await sql`INSERT INTO sample (display_name, media_path, media_kind, mime_type, sha256, byte_size, width, height, imported_at)
              VALUES ('a.jpg', '/x/a.jpg', 'image', 'image/jpeg', 'abc', 10, 4, 3, 1)`.execute(old.db);
    await old.close();

    const connection = await openProjectDatabase(paths);
    expect(await schemaVersion(connection.db)).toBe(LATEST);
    const samples = await connection.db.selectFrom('sample').select(['display_name', 'width']).execute();
    expect(samples).toEqual([{ display_name: 'a.jpg', width: 4 }]);
    await connection.close();

    const backups = readdirSync(paths.backups);
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^concord-schema1-.*\.db$/);
    const backup = openConnection(join(paths.backups, backups[0]!));
    expect(await schemaVersion(backup.db)).toBe(1);
    await backup.close();
  });

  it('refuses a database written by a newer Concord and leaves it untouched', async () => {
    const paths = projectPaths(tempDir());
    const future = openConnection(paths.database);
    await migrate(future.db);
    await sql`INSERT INTO schema_migration (version, name, applied_at) VALUES (${LATEST + 5}, 'from-the-future', 1)`.execute(future.db);
    await future.close();

    const attempt = openProjectDatabase(paths);
    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    await expect(attempt).rejects.toThrow(/newer version of Concord.*schema \d+; this version understands up to \d+/);
    const after = openConnection(paths.database);
    expect(await schemaVersion(after.db)).toBe(LATEST + 5);
    await after.close();
  });

  it('builds exactly the SQLite schema that project files of schema 13 already have', async () => {
    const connection = openConnection(join(tempDir(), 'x.db'));
    await migrate(connection.db, { target: 13 });
    const objects = connection.sqlite.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
    const applicationId = connection.sqlite.pragma('application_id', { simple: true });
    await connection.close();
    // Users' files were made by these migrations: a change to what they write would fork the schema.
    const released = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'schema', 'sqlite-v13.json'), 'utf8')) as unknown;
    expect({ applicationId, objects }).toEqual(released);
  });
});

describeOnEngines('migrations', (engine) => {
  const tableNames = async (db: MigrationDb) => (await db.introspection.getTables()).map((table) => table.name).sort();

  it('builds the newest schema on an empty database, in one list for both engines', async () => {
    const db = await engine.emptyDatabase();
    expect(await migrate(db)).toEqual({ from: 0, to: LATEST, backupPath: null });
    expect(await schemaVersion(db)).toBe(LATEST);
    expect(await tableNames(db)).toEqual(
      expect.arrayContaining(['project', 'sample', 'annotation', 'annotation_revision', 'gold_decision', 'guideline_draft', 'training_run', 'audit_log']),
    );
    // Nothing left to do the second time.
    expect(await migrate(db)).toEqual({ from: LATEST, to: LATEST, backupPath: null });
  });

  it('keeps training runs of before clip training, now saying they trained on crops', async () => {
    const db = await engine.emptyDatabase();
    await migrate(db, { target: 9 });
    const run = {
      version: 1,
      backend: 'webgl',
      epochs: [],
      evaluation: { dev: { accuracy: 0.5, macroF1: 0.4, crops: 3 }, test: { accuracy: null, macroF1: null, crops: 0 } },
    };
    await sql`INSERT INTO dataset_version (version, summary_json, created_at) VALUES (1, '{}', 1)`.execute(db);
    await sql`INSERT INTO training_run (dataset_version, created_at, run_json, model_json, weights)
              VALUES (1, 1, ${JSON.stringify(run)}, '{}', ${Buffer.from([0, 255])})`.execute(db);

    await migrate(db);
    const [row] = await db.selectFrom('training_run').select(['run_json', 'weights']).execute();
    expect(JSON.parse(row!.run_json)).toEqual({
      version: 1,
      backend: 'webgl',
      epochs: [],
      input: { kind: 'crops' },
      evaluation: { dev: { accuracy: 0.5, macroF1: 0.4, examples: 3 }, test: { accuracy: null, macroF1: null, examples: 0 } },
    });
    expect([...row!.weights]).toEqual([0, 255]);
  });

  it('refuses a database written by a newer Concord and leaves it untouched', async () => {
    const db = await engine.emptyDatabase();
    await migrate(db);
    await sql`INSERT INTO schema_migration (version, name, applied_at) VALUES (${LATEST + 5}, 'from-the-future', 1)`.execute(db);
    const attempt = migrate(db);
    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    await expect(attempt).rejects.toThrow(/newer version of Concord.*schema \d+; this version understands up to \d+/);
    expect(await schemaVersion(db)).toBe(LATEST + 5);
  });

  it('lets two processes opening a new database at once both reach the newest schema, each step applied once', async () => {
    const [first, second] = await engine.sharedEmptyDatabase();
    const outcomes = await Promise.all([migrate(first), migrate(second)]);
    expect(outcomes.map((outcome) => outcome.to)).toEqual([LATEST, LATEST]);
    const applied = await first.selectFrom('schema_migration').select('version').orderBy('version').execute();
    expect(applied.map((row) => row.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('rolls back every pending step when one fails', async () => {
    const db = await engine.emptyDatabase();
    const createFirst = async (migrationDb: MigrationDb) => void (await sql`CREATE TABLE first (id INTEGER)`.execute(migrationDb));
    const failing = [
      { version: 1, name: 'ok', up: createFirst },
      { version: 2, name: 'broken', up: createFirst },
    ];
    await expect(migrate(db, { migrations: failing })).rejects.toThrow(/already exists/);
    expect(await schemaVersion(db)).toBe(0);
    expect(await tableNames(db)).not.toContain('first');
  });

  it('stores millisecond timestamps and sizes beyond 32 bits, and reads them back as numbers', async () => {
    const db = await engine.migratedDatabase();
    const at = Date.UTC(2026, 11, 3, 12, 0, 0, 123);
    const fiveGigabytes = 5 * 2 ** 30;
    await insertProject(db, { name: 'p', kind: 'bbox', createdAt: at });
    await db
      .insertInto('sample')
      .values({
        display_name: 'a.wav',
        media_path: '/a.wav',
        media_kind: 'audio',
        mime_type: 'audio/wav',
        sha256: 'a',
        byte_size: fiveGigabytes,
        imported_at: at,
      })
      .execute();
    expect(await getProject(db)).toMatchObject({ createdAt: at });
    expect(await db.selectFrom('sample').select(['byte_size', 'imported_at']).executeTakeFirst()).toEqual({ byte_size: fiveGigabytes, imported_at: at });
    expect(await countRows(db, 'sample')).toBe(1);
  });

  it('keeps published guideline versions and the audit log unchangeable in the database itself', async () => {
    const db = await engine.migratedDatabase();
    await insertGuidelineVersion(db, { version: 1, bodyMd: '# Rules', changelog: 'first', publishedAt: 1 });
    await expect(sql`UPDATE guideline_version SET body_md = 'rewritten'`.execute(db)).rejects.toThrow(/published guideline versions are immutable/);
    await expect(sql`DELETE FROM guideline_version`.execute(db)).rejects.toThrow(/published guideline versions are immutable/);
    await db.insertInto('audit_log').values({ at: 1, actor_id: null, actor_name: 'owner', action: 'test', subject: 's', details_json: '{}' }).execute();
    await expect(sql`UPDATE audit_log SET actor_name = 'someone else'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await db.selectFrom('guideline_version').select('body_md').execute()).toEqual([{ body_md: '# Rules' }]);
  });
});
