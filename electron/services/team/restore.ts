import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Kysely } from 'kysely';
import { ApiError } from '../../../shared/api/errors';
import { describeTables, restartIdentities, type TableInfo } from '../../db/dialect/catalog';
import { migrate } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { openPostgresConnection } from '../../db/postgres-connection';
import type { Database } from '../../db/schema';
import { holdsNoProjectData, insertRows, removeNewDatabaseOwner, storedSchemaVersion, type TableRow } from '../../db/table-copy';
import { checkTeamDatabaseUrl, shownAddress, unreachable } from '../../db/team-database';
import { backupHeaderSchema, decodeValue, parseLine, type BackupHeader } from './backup-format';

/** Rows held before they are inserted together. */
const BATCH_ROWS = 500;

export interface RestoreOutcome {
  schemaVersion: number;
  rows: Record<string, number>;
}

/**
 * Restores a backup made by `concord backup` into an empty team database: the database is
 * brought to the backup's schema version, every row goes in within one transaction (any
 * bad line, a missing closing line or counts that differ undo all of it), and the database
 * is then upgraded to this build's schema. A backup from a newer Concord is refused.
 * Errors name the file and line and say what is wrong, never what the line holds.
 */
export async function restoreTeamDatabase(file: string, url: string): Promise<RestoreOutcome> {
  checkTeamDatabaseUrl(url);
  const path = resolve(file);
  if (!(await stat(path).catch(() => null))?.isFile()) throw new ApiError('not_found', `There is no backup file ${path}.`);
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })[Symbol.asyncIterator]();
  try {
    const header = await readHeader(path, lines);
    const connection = openPostgresConnection({ connectionString: url });
    try {
      const tables = await prepareTarget(connection.db, header, path, shownAddress(url));
      const rows = await connection.db.transaction().execute(async (trx) => {
        await removeNewDatabaseOwner(trx);
        const counts = await insertLines(trx, header, tables, path, lines);
        await restartIdentities(trx, [...tables.values()]);
        return counts;
      });
      await migrate(connection.db);
      return { schemaVersion: header.schemaVersion, rows };
    } catch (error) {
      throw unreachable(url, error);
    } finally {
      await connection.close();
    }
  } finally {
    await lines.return?.();
  }
}

async function readHeader(path: string, lines: AsyncIterator<string>): Promise<BackupHeader> {
  const first = await lines.next();
  let parsed: unknown = null;
  try {
    parsed = first.done ? null : JSON.parse(first.value);
  } catch {
    // Reported below, without quoting the line.
  }
  const header = backupHeaderSchema.safeParse(parsed);
  if (!header.success) throw new ApiError('invalid_argument', `${path}, line 1: not the header of a Concord team backup (made by concord backup).`);
  const latest = MIGRATIONS.at(-1)!.version;
  if (header.data.schemaVersion > latest) {
    throw new ApiError(
      'failed_precondition',
      `${path} was made by a newer Concord (database schema ${header.data.schemaVersion}; this version understands up to ${latest}). Restore it with that version; nothing was changed.`,
    );
  }
  return header.data;
}

/**
 * Checks that the database is Concord's (or has no tables), holds nothing yet and is not
 * ahead of the backup, then brings it to the backup's schema. Returns its tables by name,
 * each with the backup's columns.
 */
async function prepareTarget(db: Kysely<Database>, header: BackupHeader, path: string, shown: string): Promise<Map<string, TableInfo>> {
  const catalog = await describeTables(db);
  const version = await storedSchemaVersion(db, catalog);
  if (catalog.length > 0 && version === null)
    throw new ApiError('failed_precondition', `${shown} holds tables of another application; restore into a new database. Nothing was changed.`);
  if (!(await holdsNoProjectData(db, catalog)))
    throw new ApiError('conflict', `${shown} is not empty; restore into a new, empty database. Nothing was changed.`);
  if ((version ?? 0) > header.schemaVersion) {
    throw new ApiError(
      'failed_precondition',
      `${shown} is already at schema ${version}, past the backup's ${header.schemaVersion}; restore into a new database. Nothing was changed.`,
    );
  }
  await migrate(db, { target: header.schemaVersion });
  const live = new Map((await describeTables(db)).map((t) => [t.name, t]));
  const tables = new Map<string, TableInfo>();
  for (const { name, columns } of header.tables) {
    const table = live.get(name);
    const sameColumns = table !== undefined && [...table.columns].sort().join() === [...columns].sort().join();
    if (!sameColumns)
      throw new ApiError(
        'invalid_argument',
        `${path}, line 1: the table ${name} does not match schema ${header.schemaVersion}'s; the file was changed or damaged.`,
      );
    tables.set(name, { ...table, columns });
  }
  return tables;
}

/** Inserts every row line in batches and checks the closing line's counts; returns the counts. */
async function insertLines(
  db: Kysely<Database>,
  header: BackupHeader,
  tables: Map<string, TableInfo>,
  path: string,
  lines: AsyncIterator<string>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(header.tables.map((t) => [t.name, 0]));
  // Rows of one table waiting to be inserted together, and the line the first came from.
  let pending: TableRow[] = [];
  let pendingTable = '';
  let pendingFrom = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    await insertRows(db, pendingTable, rows).catch((error: Error) => {
      throw new ApiError(
        'invalid_argument',
        `${path}, lines ${pendingFrom}–${pendingFrom + rows.length - 1}: the table ${pendingTable} refused these rows (${error.message}). Nothing was restored.`,
      );
    });
  };
  for (let lineNumber = 2; ; lineNumber++) {
    const next = await lines.next();
    if (next.done)
      throw new ApiError('invalid_argument', `${path} ends at line ${lineNumber - 1} without its closing line: it was cut short. Nothing was restored.`);
    if (next.value.trim() === '') continue;
    const line = parseLine(next.value);
    const where = `${path}, line ${lineNumber}`;
    if (line.kind === 'invalid') throw new ApiError('invalid_argument', `${where} ${line.reason}. Nothing was restored.`);
    if (line.kind === 'end') {
      await flush();
      const differ = header.tables.filter((t) => line.rows[t.name] !== counts[t.name]).map((t) => t.name);
      if (differ.length > 0)
        throw new ApiError(
          'invalid_argument',
          `${where}: the closing line counts other rows of ${differ.join(', ')} than the file holds. Nothing was restored.`,
        );
      return counts;
    }
    const table = tables.get(line.table);
    if (!table) throw new ApiError('invalid_argument', `${where}: a row of a table the header does not list. Nothing was restored.`);
    if (line.values.length !== table.columns.length) {
      throw new ApiError(
        'invalid_argument',
        `${where}: a row of ${table.name} with ${line.values.length} values for ${table.columns.length} columns. Nothing was restored.`,
      );
    }
    if (pending.length > 0 && (pendingTable !== table.name || pending.length >= BATCH_ROWS)) await flush();
    if (pending.length === 0) {
      pendingTable = table.name;
      pendingFrom = lineNumber;
    }
    pending.push(Object.fromEntries(table.columns.map((column, i) => [column, decodeValue(line.values[i]!)])));
    counts[table.name] = (counts[table.name] ?? 0) + 1;
  }
}
