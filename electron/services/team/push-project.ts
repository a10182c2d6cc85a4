import { resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { Connection } from '../../db/connection';
import { describeTables, restartIdentities, type TableInfo } from '../../db/dialect/catalog';
import { schemaVersion } from '../../db/migrate';
import type { PostgresConnection } from '../../db/postgres-connection';
import { copyOrder, holdsNoProjectData, insertRows, removeNewDatabaseOwner, tableRows, type TableRow } from '../../db/table-copy';
import { openTeamDatabase, shownAddress } from '../../db/team-database';
import type { AppSettings } from '../app-settings';
import { mediaLocator } from '../media-roots';
import { hasProjectDatabase, openProjectDatabase, projectPaths } from '../project-folder';
import { acquireProjectLock } from '../project-lock';
import { copyMediaInto, removeFiles } from './push-media';

export interface PushRequest {
  /** The local project folder. */
  projectDir: string;
  /** The team's PostgreSQL database, new or empty. */
  databaseUrl: string;
  /** The server's media root (`concord serve --media-root`): the samples' media are copied there. */
  mediaRoot: string | null;
  /** Where this computer's settings are: they say which folders the project's in-place media may be read from. */
  settings: AppSettings;
  nativeBinding?: string;
}

export interface PushOutcome {
  projectName: string;
  /** Rows copied, by table. */
  rows: Record<string, number>;
  /** Media files copied into the media root (those already there with the same content are not counted). */
  mediaFilesCopied: number;
}

/**
 * Moves a local project onto a team server: every row of every table (samples, each
 * annotation revision, decisions, guideline versions and drafts, taxonomy changes, datasets
 * and training runs, accounts, the audit log) keeps its id, so everything that points at
 * something still does. Only sign-in sessions and throttling stay behind. The rows go in
 * one transaction: the team database ends up with the whole project or, on any failure,
 * as empty as it was; media files this push made are removed again then.
 *
 * The project is locked while it is read, so the app cannot change it halfway through.
 */
export async function pushProject(request: PushRequest): Promise<PushOutcome> {
  const paths = projectPaths(resolve(request.projectDir));
  if (!hasProjectDatabase(paths.dir)) throw new ApiError('not_found', `No Concord project in ${paths.dir} (there is no concord.db).`);
  const lock = acquireProjectLock(paths.lock, 'cli');
  let source: Connection | null = null;
  let target: PostgresConnection | null = null;
  try {
    source = await openProjectDatabase(paths, request.nativeBinding);
    target = await openTeamDatabase(request.databaseUrl);
    const tables = await matchingTables(source, target);
    const shown = shownAddress(request.databaseUrl);
    if (!(await holdsNoProjectData(target.db, tables))) throw notEmpty(shown);
    const samples = await allRows(source, tables, 'sample');
    if (samples.length > 0 && request.mediaRoot === null) {
      throw new ApiError('invalid_argument', "Give --media-root DIR, the team server's media folder: the samples' media are copied there.");
    }
    const media =
      request.mediaRoot === null
        ? { pathOf: new Map<number, string>(), created: [] }
        : await copyMediaInto(resolve(request.mediaRoot), paths.dir, await mediaLocator(request.settings, { paths }), samples);
    try {
      const rows = await copyRows(
        source,
        target,
        tables,
        (row) => {
          const copiedTo = media.pathOf.get(row['id'] as number);
          return copiedTo === undefined ? row : { ...row, media_path: copiedTo, media_copied: 1 };
        },
        shown,
      );
      const project = (await allRows(source, tables, 'project'))[0];
      return { projectName: String(project?.['name'] ?? ''), rows, mediaFilesCopied: media.created.length };
    } catch (error) {
      await removeFiles(media.created);
      throw error;
    }
  } finally {
    await target?.close();
    await source?.close();
    lock.release();
  }
}

/** The tables to copy, in order; both databases must be at this build's schema with the same tables and columns. */
async function matchingTables(source: Connection, target: PostgresConnection): Promise<TableInfo[]> {
  const [from, to] = [await schemaVersion(source.db), await schemaVersion(target.db)];
  if (from !== to)
    throw new ApiError(
      'failed_precondition',
      `The project is at schema ${from} and the team database at ${to}; push with the Concord that made the newer one.`,
    );
  const sourceTables = new Map(copyOrder(await describeTables(source.db)).map((t) => [t.name, t]));
  const targetTables = copyOrder(await describeTables(target.db));
  for (const table of targetTables) {
    const mine = sourceTables.get(table.name);
    if (!mine || [...mine.columns].sort().join() !== [...table.columns].sort().join()) {
      throw new ApiError(
        'failed_precondition',
        `The project's table ${table.name} does not have the columns of the team database's; the project file may be damaged. Nothing was pushed.`,
      );
    }
    sourceTables.delete(table.name);
  }
  if (sourceTables.size > 0)
    throw new ApiError('failed_precondition', `The project has tables the team database lacks (${[...sourceTables.keys()].join(', ')}). Nothing was pushed.`);
  return targetTables;
}

/** Copies every table's rows in one transaction on the team database, returning the counts. */
async function copyRows(
  source: Connection,
  target: PostgresConnection,
  tables: readonly TableInfo[],
  relocateSample: (row: TableRow) => TableRow,
  shown: string,
): Promise<Record<string, number>> {
  return target.db.transaction().execute(async (trx) => {
    // Looked at again inside the transaction: another push or server may have filled it since.
    if (!(await holdsNoProjectData(trx, tables))) throw notEmpty(shown);
    await removeNewDatabaseOwner(trx);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      let copied = 0;
      try {
        for await (const page of tableRows(source.db, table)) {
          await insertRows(trx, table.name, table.name === 'sample' ? page.map(relocateSample) : page);
          copied += page.length;
        }
      } catch (error) {
        throw new ApiError('internal', `Copying the table ${table.name} failed (${(error as Error).message}). Nothing was pushed: ${shown} is as it was.`);
      }
      counts[table.name] = copied;
    }
    await restartIdentities(trx, tables);
    return counts;
  });
}

async function allRows(source: Connection, tables: readonly TableInfo[], name: string): Promise<TableRow[]> {
  const table = tables.find((t) => t.name === name);
  const rows: TableRow[] = [];
  if (table) for await (const page of tableRows(source.db, table)) rows.push(...page);
  return rows;
}

function notEmpty(shown: string): ApiError {
  return new ApiError(
    'conflict',
    `${shown} already holds a project or accounts; push only into a new, empty database, or into a new project of a team server with --project NAME. Nothing was pushed.`,
  );
}
