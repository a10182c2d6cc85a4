import type { MigrationDb } from './index';

/**
 * Dataset downloads prepared and not yet fetched. A team may run several server processes
 * behind one address: the process that answers `datasets.download` need not be the one that
 * receives the fetch, so the waiting download lives here and not in a process's memory. Only a
 * hash of its token is kept, as for sessions: the database alone does not let anyone fetch it.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('dataset_download')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('labeler.id'))
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();
}
