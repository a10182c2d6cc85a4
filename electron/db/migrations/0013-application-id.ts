import { dialectOf } from '../dialect';
import type { MigrationDb } from './index';

/**
 * Marks the file as Concord's in SQLite's header, so Concord can tell its own databases
 * from another application's file of the same name without reading, let alone changing, it.
 * (0011 and 0012 are taken by work landing in parallel.)
 */
export async function up(db: MigrationDb): Promise<void> {
  // A PostgreSQL database is no file another application could claim: nothing to mark there.
  for (const statement of dialectOf(db).markAsConcord()) await statement.execute(db);
}
