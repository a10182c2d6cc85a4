import type { Kysely } from 'kysely';
import type { DatasetItem, DatasetSummary } from '../../../shared/domain/dataset';
import { storedDatasetItem, storedDatasetSummary } from '../../../shared/domain/stored/dataset';
import { quickDatasetItem } from '../../../shared/domain/stored/quick-dataset-item';
import type { Database } from '../schema';
import { readStoredJson, readStoredJsonOrNull, StoredJsonError, type StoredJsonPlace } from '../stored-json';

/** One item to store: its sample and `JSON.stringify` of the item (as `frozenItem` makes it). */
export interface SerializedDatasetItem {
  sampleId: number;
  json: string;
}

/**
 * An item serialized for {@link insertDatasetVersion}.
 * @example frozenItem(item).json === JSON.stringify(item) // true
 */
export function frozenItem(item: DatasetItem): SerializedDatasetItem {
  return { sampleId: item.sampleId, json: JSON.stringify(item) };
}

/** Items per statement: 3 parameters each stays within SQLite's limit of 32,766, and few statements. */
const ITEM_BATCH = 2_000;

/**
 * Stores a frozen version and its items (run inside the caller's transaction, so a failure
 * midway leaves nothing). Items come serialized, so a caller that hashed them does not
 * serialize them again, and are taken a statement's worth at a time, so a caller can make them
 * as they are written; each is stamped with its record version as stored.
 */
export async function insertDatasetVersion(db: Kysely<Database>, summary: DatasetSummary, items: Iterable<SerializedDatasetItem>, at: number): Promise<void> {
  const { id } = await db
    .insertInto('dataset_version')
    .values({ version: summary.version, summary_json: JSON.stringify(storedDatasetSummary.stamp(summary)), created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  let rows: { dataset_version_id: number; sample_id: number; item_json: string }[] = [];
  const write = async () => {
    if (rows.length > 0) await db.insertInto('dataset_item').values(rows).execute();
    rows = [];
  };
  for (const item of items) {
    rows.push({ dataset_version_id: id, sample_id: item.sampleId, item_json: stampedItemJson(item.json) });
    if (rows.length === ITEM_BATCH) await write();
  }
  await write();
}

/**
 * Every version that can be read. A damaged summary leaves that one version out (and is
 * logged) so the others can still be exported and compared; opening it says what is damaged.
 */
export async function listDatasetVersions(db: Kysely<Database>): Promise<DatasetSummary[]> {
  const rows = await db.selectFrom('dataset_version').select(['id', 'summary_json']).orderBy('version').execute();
  return rows.flatMap((row) => readStoredJsonOrNull(storedDatasetSummary.schema, row.summary_json, summaryPlace(row.id)) ?? []);
}

/**
 * Items read per query: one page's rows and items are held at a time. Small enough that a page
 * an export is still placing is seldom alive through two of V8's young collections: its items
 * then die young instead of filling the old space with garbage (a YOLO export of 100,000 items,
 * in process: heap peak ~120 MB with pages of 250 or 500, 178–207 MB with pages of 2,000; the
 * same CPU).
 */
const ITEM_READ_PAGE = 500;

/**
 * A version with all its items, in sample order. One damaged item fails the whole read: an
 * export or a training set quietly missing a sample would not be the frozen version it claims
 * to be. Items are read `pageSize` at a time (see `datasetVersionPages`).
 */
export async function datasetVersion(
  db: Kysely<Database>,
  version: number,
  pageSize = ITEM_READ_PAGE,
): Promise<{ summary: DatasetSummary; items: DatasetItem[] } | null> {
  const found = await datasetVersionPages(db, version, pageSize);
  if (!found) return null;
  const items: DatasetItem[] = [];
  for await (const page of found.pages()) for (const item of page) items.push(item);
  return { summary: found.summary, items };
}

/**
 * A version's summary, and its items as pages in sample order, for a reader that starts on the
 * first page before the last is read (an export makes its files meanwhile). Each call of `pages`
 * reads them from the start. Each page is read `pageSize` items at a time by sample id (one
 * index range) and parsed before it is given; a damaged item fails the page it is in, naming its
 * row.
 */
export async function datasetVersionPages(
  db: Kysely<Database>,
  version: number,
  pageSize = ITEM_READ_PAGE,
): Promise<{ summary: DatasetSummary; pages: () => AsyncGenerator<DatasetItem[]> } | null> {
  const row = await db.selectFrom('dataset_version').select(['id', 'summary_json']).where('version', '=', version).executeTakeFirst();
  if (!row) return null;
  const summary = readStoredJson(storedDatasetSummary.schema, row.summary_json, summaryPlace(row.id));
  async function* pages(): AsyncGenerator<DatasetItem[]> {
    for (let after = -Infinity; ;) {
      const page = await db
        .selectFrom('dataset_item')
        .select(['sample_id', 'item_json'])
        .where('dataset_version_id', '=', row!.id)
        .$if(after !== -Infinity, (query) => query.where('sample_id', '>', after))
        .orderBy('sample_id')
        .limit(pageSize)
        .execute();
      yield page.map((item) =>
        readStoredItem(item.item_json, { table: 'dataset_item', column: 'item_json', row: `dataset_version_id ${row!.id}, sample_id ${item.sample_id}` }),
      );
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.sample_id;
    }
  }
  return { summary, pages };
}

/**
 * One item as `readStoredJson(storedDatasetItem.schema, …)` reads it (the same value, the same
 * `StoredJsonError`), without zod for an item that is plainly current (`quickDatasetItem`): only
 * an item it does not take goes through the schema, which names what is wrong.
 */
function readStoredItem(text: string, place: StoredJsonPlace<'dataset_item'>): DatasetItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StoredJsonError(place, 'is not valid JSON');
  }
  return quickDatasetItem(value) ?? readStoredJson(storedDatasetItem.schema, text, place);
}

/** `JSON.stringify(storedDatasetItem.stamp(item))` from `JSON.stringify(item)`: the version key first, as `stamp` puts it. */
function stampedItemJson(json: string): string {
  if (!json.startsWith('{') || json === '{}') throw new Error('a dataset item must serialize to a non-empty object');
  return `{"v":${storedDatasetItem.version},${json.slice(1)}`;
}

const summaryPlace = (id: number) => ({ table: 'dataset_version', column: 'summary_json', row: id }) as const;

/**
 * The media paths as stored (relative to the project, or absolute) of the samples with ids from
 * `first` to `last`, for an export's links to one page of its version: two columns of one index
 * range, read as the page is (the whole project's 100,000 paths took ~0.16–0.3 s of CPU before the
 * first file, and their map stayed for the whole export).
 */
export async function sampleMediaPathsBetween(db: Kysely<Database>, first: number, last: number): Promise<Array<{ id: number; media_path: string }>> {
  return db.selectFrom('sample').select(['id', 'media_path']).where('id', '>=', first).where('id', '<=', last).execute();
}

export async function latestDatasetVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('dataset_version')
    .select((eb) => eb.fn.max('version').as('version'))
    .executeTakeFirst();
  return row?.version ?? 0;
}
