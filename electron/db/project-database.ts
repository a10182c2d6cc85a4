import type { Connection } from './connection';
import type { PostgresConnection } from './postgres-connection';

/**
 * An open project's database, saying which engine holds it: a project folder's own SQLite
 * file (one person's computer) or a team's PostgreSQL database (a team server). Services use
 * `db` alike on both; only what a file alone has (online backups, read-only temp tables)
 * asks for `engine === 'sqlite'`.
 */
export type ProjectDatabase = Connection | PostgresConnection;
