import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { describeTables } from '../../../electron/db/dialect/catalog';
import { openPostgresConnection } from '../../../electron/db/postgres-connection';
import { copyOrder, tableRows, type TableRow } from '../../../electron/db/table-copy';
import { usePostgresUrls } from '../../support/postgres';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, readStdin: async () => '' };
}

/**
 * Tables a database fills for itself as it migrates (or, for the record of agreement changes of
 * migration 26, as rows arrive: which samples, not the change numbers or the clock's epoch), by
 * the one column that must still match.
 */
const OWN_COLUMN: Record<string, string> = { schema_migration: 'version', signing_key: 'name', agreement_clock: 'id', agreement_change: 'sample_id' };

/** Every table's rows in key order (the applied migrations only by version: when they ran differs). */
async function everyTable(url: string): Promise<Record<string, TableRow[]>> {
  const connection = openPostgresConnection({ connectionString: url });
  try {
    const catalog = await describeTables(connection.db);
    const tables: Record<string, TableRow[]> = {};
    for (const table of copyOrder(catalog, new Set())) {
      tables[table.name] = [];
      for await (const page of tableRows(connection.db, table)) {
        // Which migrations ran and which keys exist, not when they ran or the key itself: each database makes its own.
        tables[table.name]!.push(...page.map((row) => (table.name in OWN_COLUMN ? { [OWN_COLUMN[table.name]!]: row[OWN_COLUMN[table.name]!] } : row)));
      }
    }
    return tables;
  } finally {
    await connection.close();
  }
}

describe('concord backup and restore', () => {
  const tempDir = useTempDirs();
  const reserveDatabase = usePostgresUrls();
  const newLocalHost = useServiceHost('sqlite');
  const newTeamHost = useServiceHost('postgres');

  const cli = async (args: string[]) => {
    const io = capture();
    const code = await runCli(args, io, tempDir());
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  /** A team database in use: the bbox demo pushed, a dataset version and a training run (with its weights as bytes), a signed-in session. */
  async function teamDatabaseInUse(): Promise<string> {
    const local = newLocalHost(tempDir());
    const { dir } = await local.ok('projects.openDemo', { kind: 'bbox' });
    await local.ok('datasets.create', { ratios: [0.5, 0.25, 0.25], seed: 3, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null });
    await local.ok('projects.close', {});
    const { url, ready } = reserveDatabase();
    await ready;
    const mediaRoot = join(tempDir(), 'media-root');
    expect((await cli(['push', dir, '--database', url, '--media-root', mediaRoot])).code).toBe(0);
    const server = newTeamHost(tempDir(), { teamDatabase: url });
    await server.ok('projects.open', { dir: mediaRoot });
    const connection = openPostgresConnection({ connectionString: url });
    try {
      const weights = Buffer.from([0, 1, 2, 254, 255, 10, 13]);
      await connection.db.insertInto('training_run').values({ dataset_version: 1, created_at: 1, run_json: '{}', model_json: '{}', weights }).execute();
    } finally {
      await connection.close();
    }
    return url;
  }

  it('restores every table of a database in use into a new one, row for row, bytes included; new ids continue after the restored', async () => {
    const source = await teamDatabaseInUse();
    const file = join(tempDir(), 'team.backup.jsonl');
    const made = await cli(['backup', '--database', source, '--out', file]);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!) as { format: string; schemaVersion: number };
    expect(header).toMatchObject({ format: 'concord-team-backup', schemaVersion: expect.any(Number) });

    const { url: target, ready } = reserveDatabase();
    await ready;
    const restored = await cli(['restore', file, '--database', target]);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);

    const [before, after] = [await everyTable(source), await everyTable(target)];
    expect(before['session']!.length).toBeGreaterThan(0);
    expect(before['training_run']![0]!['weights']).toEqual(Buffer.from([0, 1, 2, 254, 255, 10, 13]));
    expect(after).toEqual(before);

    const server = newTeamHost(tempDir(), { teamDatabase: target });
    await server.ok('projects.open', { dir: tempDir() });
    const account = await server.ok('labelers.create', { name: 'newcomer', role: 'labeler', password: 'a long enough password' });
    expect(account.id).toBe(Math.max(...before['labeler']!.map((l) => l['id'] as number)) + 1);
  });

  it('refuses a backup from a newer Concord, a file cut short, a damaged line and a database that is not empty, changing nothing', async () => {
    const source = await teamDatabaseInUse();
    const file = join(tempDir(), 'team.backup.jsonl');
    expect((await cli(['backup', '--database', source, '--out', file])).code).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    const variant = (name: string, content: string[]) => {
      const path = join(tempDir(), name);
      writeFileSync(path, `${content.join('\n')}\n`);
      return path;
    };
    const newer = variant('newer.jsonl', [JSON.stringify({ ...header, schemaVersion: 999 }), ...lines.slice(1)]);
    const cut = variant('cut.jsonl', lines.slice(0, -1));
    const damaged = variant('damaged.jsonl', [...lines.slice(0, 5), '{"t":"sample","r":[1,"secret text"', ...lines.slice(6)]);
    const { url: target, ready } = reserveDatabase();
    await ready;

    const cases: Array<[string, string, RegExp]> = [
      [newer, target, /was made by a newer Concord \(database schema 999; this version understands up to \d+\)/],
      [cut, target, /ends at line \d+ without its closing line: it was cut short\. Nothing was restored\./],
      [damaged, target, /damaged\.jsonl, line 6 is not JSON\. Nothing was restored\./],
      [file, source, /is not empty; restore into a new, empty database/],
    ];
    for (const [backupFile, database, message] of cases) {
      const before = await everyTable(database);
      const refused = await cli(['restore', backupFile, '--database', database]);
      expect(refused.code, backupFile).toBe(1);
      expect(refused.err).toMatch(message);
      expect(refused.err).not.toContain('secret text');
      const after = await everyTable(database);
      // A refused restore may have brought a new database to the backup's schema, but put no row of the backup in it.
      expect(
        Object.entries(after).filter(([table, rows]) => rows.length > 0 && !(table in OWN_COLUMN) && !(database === target && table === 'labeler')),
      ).toEqual(Object.entries(before).filter(([table, rows]) => rows.length > 0 && !(table in OWN_COLUMN) && !(database === target && table === 'labeler')));
    }
  });
});
