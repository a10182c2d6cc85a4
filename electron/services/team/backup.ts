import { open, rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { describeTables } from '../../db/dialect/catalog';
import { openPostgresConnection } from '../../db/postgres-connection';
import { AGREEMENT_CHANGE_TABLES, copyOrder, REVIEW_QUEUE_TABLES, storedSchemaVersion, tableRows } from '../../db/table-copy';
import { checkTeamDatabaseUrl, shownAddress, unreachable } from '../../db/team-database';
import { PRIVATE_FILE_MODE } from '../../fs/private-files';
import { headerLine, rowLine, trailerLine } from './backup-format';

/**
 * A backup holds every table but the list of applied migrations and the media-ticket key: a
 * restore's own migrations write those (so a restored session's window gets a new ticket when it
 * next reads its session), nor the kept Review queue, which the restored answers mark to be rebuilt,
 * nor the record of agreement changes, whose clock the restored database starts anew.
 */
export const NOT_BACKED_UP: ReadonlySet<string> = new Set(['schema_migration', 'signing_key', ...REVIEW_QUEUE_TABLES, ...AGREEMENT_CHANGE_TABLES]);

export interface BackupOutcome {
  file: string;
  schemaVersion: number;
  rows: Record<string, number>;
}

/**
 * Writes a consistent snapshot of a team database to `out` (see `backup-format.ts`): every
 * table is read in one REPEATABLE READ, read-only transaction, so the file is the database
 * as of one moment even while people keep saving. The file is written beside `out` and
 * renamed into place when complete: an earlier backup of that name is replaced only by a
 * whole one. Owner-only, like a project's database: it holds everyone's work and password hashes.
 */
export async function backupTeamDatabase(url: string, out: string): Promise<BackupOutcome> {
  checkTeamDatabaseUrl(url);
  const file = resolve(out);
  const temp = `${file}.${process.pid}.part`;
  const connection = openPostgresConnection({ connectionString: url });
  try {
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE).catch((error: NodeJS.ErrnoException) => {
      throw new ApiError('failed_precondition', `Cannot write the backup beside ${file} (${error.code ?? error.message}); nothing was written.`);
    });
    try {
      const outcome = await connection.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (trx) => {
          const catalog = await describeTables(trx);
          const schemaVersion = await storedSchemaVersion(trx, catalog);
          if (schemaVersion === null) throw new ApiError('failed_precondition', `${shownAddress(url)} is not a Concord team database; nothing was written.`);
          const tables = copyOrder(catalog, NOT_BACKED_UP);
          await handle.write(headerLine(schemaVersion, tables, new Date()));
          const rows: Record<string, number> = {};
          for (const table of tables) {
            let count = 0;
            for await (const page of tableRows(trx, table)) {
              await handle.write(page.map((row) => rowLine(table, row)).join(''));
              count += page.length;
            }
            rows[table.name] = count;
          }
          await handle.write(trailerLine(rows));
          return { file, schemaVersion, rows };
        });
      await handle.sync();
      await handle.close();
      await rename(temp, file);
      return outcome;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    }
  } catch (error) {
    throw unreachable(url, error);
  } finally {
    await rm(temp, { force: true });
    await connection.close();
  }
}
