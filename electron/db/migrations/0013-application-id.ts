import { sql } from 'kysely';
import { applicationIdPragma } from '../inspect-database';
import type { MigrationDb } from './index';

/**
 * Marks the file as Concord's in SQLite's header, so Concord can tell its own databases
 * from another application's file of the same name without reading, let alone changing, it.
 * (0011 and 0012 are taken by work landing in parallel.)
 */
export async function up(db: MigrationDb): Promise<void> {
  await sql.raw(applicationIdPragma()).execute(db);
}
