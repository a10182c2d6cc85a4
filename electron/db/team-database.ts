import { sql } from 'kysely';
import { ApiError } from '../../shared/api/errors';
import { migrate } from './migrate';
import { openPostgresConnection, type PostgresConnection } from './postgres-connection';

/**
 * A team database's address as it may be shown: the password, if the URL carries one, is
 * left out of every message and log line.
 *
 * @example
 *   shownAddress('postgres://ana:secret@db:5432/labels') // 'postgres://ana@db:5432/labels'
 */
export function shownAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(an address that is not a URL)';
  }
}

/** Checks that `url` names a PostgreSQL database, before any connection is tried. */
export function checkTeamDatabaseUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError('invalid_argument', 'The team database must be given as a URL such as postgres://USER@HOST:PORT/DATABASE.');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ApiError('invalid_argument', `The team database must be a postgres:// URL (got one starting with ${parsed.protocol}//).`);
  }
  if (parsed.pathname.length <= 1) throw new ApiError('invalid_argument', `${shownAddress(url)} names no database: add /DATABASE at its end.`);
}

/**
 * Opens a team's PostgreSQL database and brings it to this build's schema. A database that
 * already holds tables that are not Concord's is refused before anything is written to it.
 * There is no file to copy before migrating: the README shows `pg_dump` for backups.
 */
export async function openTeamDatabase(url: string): Promise<PostgresConnection> {
  checkTeamDatabaseUrl(url);
  const connection = openPostgresConnection({ connectionString: url });
  try {
    if (!(await isConcordOrEmpty(connection))) {
      throw new ApiError(
        'failed_precondition',
        `${shownAddress(url)} holds tables of another application; give Concord a database of its own. Nothing was changed.`,
      );
    }
    await migrate(connection.db);
    return connection;
  } catch (error) {
    await connection.close();
    throw unreachable(url, error);
  }
}

/** Whether the team database holds a project yet (a new, empty one does not). */
export async function teamDatabaseHoldsProject(connection: PostgresConnection): Promise<boolean> {
  const row = await connection.db
    .selectFrom('project')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) > 0;
}

/** A database with no tables of its own yet, or one with Concord's migration table. */
async function isConcordOrEmpty(connection: PostgresConnection): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(connection.db);
  return rows.length === 0 || rows.some((row) => row.name === 'schema_migration');
}

/** Connection failures name the database (without its password) and what went wrong. */
export function unreachable(url: string, error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: unknown }).code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01' || code === '28000') {
    return new ApiError('failed_precondition', `Cannot reach the team database ${shownAddress(url)}: ${(error as Error).message}.`);
  }
  return error;
}
