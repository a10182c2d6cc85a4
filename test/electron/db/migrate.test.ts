import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../../electron/db/connection';
import { migrate, schemaVersion } from '../../../electron/db/migrate';
import { MIGRATIONS, type MigrationDb } from '../../../electron/db/migrations';
import { openProjectDatabase, projectPaths } from '../../../electron/services/project-folder';
import { ApiError } from '../../../shared/api/errors';
import { useTempDirs } from '../../support/temp-dir';

const LATEST = MIGRATIONS.at(-1)!.version;

async function tableNames(file: string): Promise<string[]> {
  const connection = openConnection(file);
  const rows = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(connection.db);
  await connection.close();
  return rows.rows.map((r) => r.name);
}

describe('database migrations', () => {
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

  it('keeps training runs of before clip training, now saying they trained on crops', async () => {
    const paths = projectPaths(tempDir());
    const old = openConnection(paths.database);
    await migrate(old.db, { target: 9 });
    const run = {
      version: 1,
      backend: 'webgl',
      epochs: [],
      evaluation: { dev: { accuracy: 0.5, macroF1: 0.4, crops: 3 }, test: { accuracy: null, macroF1: null, crops: 0 } },
    };
    await sql`PRAGMA foreign_keys = OFF`.execute(old.db);
    await sql`INSERT INTO training_run (dataset_version, created_at, run_json, model_json, weights) VALUES (1, 1, ${JSON.stringify(run)}, '{}', x'00')`.execute(
      old.db,
    );
    await old.close();

    const connection = await openProjectDatabase(paths);
    const [row] = await connection.db.selectFrom('training_run').select('run_json').execute();
    expect(JSON.parse(row!.run_json)).toEqual({
      version: 1,
      backend: 'webgl',
      epochs: [],
      input: { kind: 'crops' },
      evaluation: { dev: { accuracy: 0.5, macroF1: 0.4, examples: 3 }, test: { accuracy: null, macroF1: null, examples: 0 } },
    });
    await connection.close();
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

  it('rolls back every pending step when one fails', async () => {
    const connection = openConnection(join(tempDir(), 'x.db'));
    const createFirst = async (db: MigrationDb) => void (await sql`CREATE TABLE first (id INTEGER)`.execute(db));
    const failing = [
      { version: 1, name: 'ok', up: createFirst },
      { version: 2, name: 'broken', up: createFirst },
    ];
    await expect(migrate(connection.db, { migrations: failing })).rejects.toThrow(/already exists/);
    expect(await schemaVersion(connection.db)).toBe(0);
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name = 'first'`.execute(connection.db);
    expect(tables.rows).toHaveLength(0);
    await connection.close();
  });
});
