import type { Kysely } from 'kysely';
import type { DatasetItem, DatasetSummary } from '../../../shared/domain/dataset';
import type { Database } from '../schema';

/** Stores a frozen version and its items (run inside the caller's transaction). */
export async function insertDatasetVersion(db: Kysely<Database>, summary: DatasetSummary, items: readonly DatasetItem[], at: number): Promise<void> {
  const { id } = await db
    .insertInto('dataset_version')
    .values({ version: summary.version, summary_json: JSON.stringify(summary), created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Batches keep each statement within SQLite's parameter limit.
  for (let start = 0; start < items.length; start += 300) {
    await db
      .insertInto('dataset_item')
      .values(items.slice(start, start + 300).map((item) => ({ dataset_version_id: id, sample_id: item.sampleId, item_json: JSON.stringify(item) })))
      .execute();
  }
}

export async function listDatasetVersions(db: Kysely<Database>): Promise<DatasetSummary[]> {
  const rows = await db.selectFrom('dataset_version').select('summary_json').orderBy('version').execute();
  return rows.map((row) => JSON.parse(row.summary_json) as DatasetSummary);
}

export async function datasetVersion(db: Kysely<Database>, version: number): Promise<{ summary: DatasetSummary; items: DatasetItem[] } | null> {
  const row = await db.selectFrom('dataset_version').select(['id', 'summary_json']).where('version', '=', version).executeTakeFirst();
  if (!row) return null;
  const items = await db.selectFrom('dataset_item').select('item_json').where('dataset_version_id', '=', row.id).orderBy('sample_id').execute();
  return { summary: JSON.parse(row.summary_json) as DatasetSummary, items: items.map((item) => JSON.parse(item.item_json) as DatasetItem) };
}

export async function latestDatasetVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('dataset_version')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return row?.version ?? 0;
}
