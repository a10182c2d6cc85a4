import { sql, type Kysely } from 'kysely';
import type { ReviewCursor, ReviewFilters, ReviewSort } from '../../../shared/disagreement/review-ledger';
import type { ReviewItem, ShareCount } from '../../../shared/disagreement/review-entry';
import { storedReviewItemSchema } from '../../../shared/domain/stored/review-item';
import { dialectOf } from '../dialect';
import type { Database } from '../schema';
import { readStoredJson } from '../stored-json';
import { inTransaction } from '../transaction';
import { isCurrentDecision } from './gold';

/**
 * The Review queue kept in the project's database (migration 23): entries written by the
 * review service, samples marked stale by triggers, and pages read with keyset paging.
 */

/** A facet row: the values a queued sample is filtered by. */
export type ReviewFacet = 'type' | 'class' | 'tag' | 'pair' | 'version' | 'labeler';

/** One sample's entry as kept: its item (null when its labelers agree), its share counts and its agreement (null: not compared). */
export interface KeptReviewEntry {
  sampleId: number;
  agreement: number | null;
  item: { severity: number; json: string; facets: Array<{ facet: ReviewFacet; value: string }> } | null;
  counts: readonly ShareCount[];
}

/** Rows per INSERT: well under either engine's limit on bound values. */
const ROWS_PER_INSERT = 500;

/**
 * Up to `limit` samples marked stale (of `among`, when given), lowest id first, for a refresh in
 * the caller's transaction.
 * On PostgreSQL the marks stay locked until it ends: a write to one of these samples meanwhile
 * waits, then marks it again (see the triggers), so its change is never taken as already seen.
 */
export async function staleReviewSamples(trx: Kysely<Database>, limit: number, among?: readonly number[]): Promise<number[]> {
  if (among?.length === 0) return [];
  const rows = await trx
    .selectFrom('review_stale')
    .select('sample_id')
    .$if(among !== undefined, (q) => q.where('sample_id', 'in', among!))
    .orderBy('sample_id')
    .limit(limit)
    .$if(dialectOf(trx).locksRows, (q) => q.forUpdate())
    .execute();
  return rows.map((row) => row.sample_id);
}

/** How many samples are marked stale, counted up to `atMost` (a larger count reads as `atMost`). */
export async function staleReviewCount(db: Kysely<Database>, atMost: number): Promise<number> {
  const row = await db
    .selectFrom((eb) => eb.selectFrom('review_stale').select('sample_id').limit(atMost).as('marked'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  // PostgreSQL returns counts as text.
  return Number(row.n);
}

/**
 * Marks every sample with an annotation stale (as migration 23 did on upgrading), so the next read
 * rebuilds the whole kept queue: for a benchmark's "nothing kept yet". No-op before migration 23.
 */
export async function markWholeReviewQueueStale(db: Kysely<Database>): Promise<void> {
  const kept = await sql<{ n: number }>`select count(*) as n from schema_migration where version = 23`.execute(db);
  if (Number(kept.rows[0]?.n ?? 0) === 0) return;
  await db
    .insertInto('review_stale')
    .columns(['sample_id'])
    // SQLite reads the ON of an upsert after a bare SELECT as a join's: its documented remedy is a WHERE.
    .expression(
      db
        .selectFrom('annotation')
        .select('sample_id')
        .distinct()
        .where(sql<boolean>`true`),
    )
    .onConflict((oc) => oc.column('sample_id').doNothing())
    .execute();
}

/**
 * Forgets the whole kept queue and each sample's kept agreement, every annotated sample marked
 * stale: the state migrations 23 and 24 leave a project made before them in, for a benchmark or a
 * test of the first reads after such an upgrade. No-op before migration 23.
 */
export async function forgetKeptReviewQueue(db: Kysely<Database>): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const table of ['review_item', 'review_facet', 'review_share', 'review_share_total', 'review_facet_total', 'sample_agreement'] as const)
      await trx.deleteFrom(table).execute();
    await markWholeReviewQueueStale(trx);
  });
}

/**
 * Replaces the kept entries of `sampleIds` with `entries` (a sample without one leaves the queue),
 * and their agreement (migration 24), keeps the sums, and clears their marks.
 */
export async function replaceReviewEntries(trx: Kysely<Database>, sampleIds: readonly number[], entries: readonly KeptReviewEntry[]): Promise<void> {
  for (let first = 0; first < sampleIds.length; first += ROWS_PER_INSERT) {
    const ids = sampleIds.slice(first, first + ROWS_PER_INSERT);
    const oldShares = await trx
      .selectFrom('review_share')
      .select(['dimension', 'share_key', 'type', sql<number>`sum(count)`.as('count')])
      .where('sample_id', 'in', ids)
      .groupBy(['dimension', 'share_key', 'type'])
      .execute();
    const oldFacets = await trx
      .selectFrom('review_facet')
      .select(['facet', 'value', sql<number>`count(*)`.as('count')])
      .where('sample_id', 'in', ids)
      .groupBy(['facet', 'value'])
      .execute();
    await addShareTotals(
      trx,
      oldShares.map((row) => ({ ...row, count: -Number(row.count) })),
    );
    await addFacetTotals(
      trx,
      oldFacets.map((row) => ({ ...row, count: -Number(row.count) })),
    );
    await trx.deleteFrom('review_item').where('sample_id', 'in', ids).execute();
    await trx.deleteFrom('review_facet').where('sample_id', 'in', ids).execute();
    await trx.deleteFrom('review_share').where('sample_id', 'in', ids).execute();
    await trx.deleteFrom('sample_agreement').where('sample_id', 'in', ids).execute();
    await trx.deleteFrom('review_stale').where('sample_id', 'in', ids).execute();
  }
  const items = entries.flatMap((e) => (e.item ? [{ sample_id: e.sampleId, severity: e.item.severity, item_json: e.item.json }] : []));
  const facets = entries.flatMap((e) => (e.item ? e.item.facets.map((f) => ({ sample_id: e.sampleId, facet: f.facet, value: f.value })) : []));
  const shares = entries.flatMap((e) =>
    e.counts.map((c) => ({ sample_id: e.sampleId, dimension: c.dimension, share_key: String(c.key), type: c.type, count: c.count })),
  );
  const agreements = entries.flatMap((e) => (e.agreement === null ? [] : [{ sample_id: e.sampleId, agreement: e.agreement }]));
  for (let first = 0; first < agreements.length; first += ROWS_PER_INSERT)
    await trx
      .insertInto('sample_agreement')
      .values(agreements.slice(first, first + ROWS_PER_INSERT))
      .execute();
  for (let first = 0; first < items.length; first += ROWS_PER_INSERT)
    await trx
      .insertInto('review_item')
      .values(items.slice(first, first + ROWS_PER_INSERT))
      .execute();
  for (let first = 0; first < facets.length; first += ROWS_PER_INSERT)
    await trx
      .insertInto('review_facet')
      .values(facets.slice(first, first + ROWS_PER_INSERT))
      .execute();
  for (let first = 0; first < shares.length; first += ROWS_PER_INSERT)
    await trx
      .insertInto('review_share')
      .values(shares.slice(first, first + ROWS_PER_INSERT))
      .execute();
  await addShareTotals(
    trx,
    sumBy(
      shares,
      (s) => `${s.dimension}\0${s.share_key}\0${s.type}`,
      (s) => ({ dimension: s.dimension, share_key: s.share_key, type: s.type }),
      (s) => s.count,
    ),
  );
  await addFacetTotals(
    trx,
    sumBy(
      facets,
      (f) => `${f.facet}\0${f.value}`,
      (f) => ({ facet: f.facet, value: f.value }),
      () => 1,
    ),
  );
}

/** Rows summed by key: `count` added up over the rows of each key. */
function sumBy<R, K>(rows: readonly R[], key: (row: R) => string, fields: (row: R) => K, count: (row: R) => number): Array<K & { count: number }> {
  const sums = new Map<string, K & { count: number }>();
  for (const row of rows) {
    const id = key(row);
    const sum = sums.get(id);
    if (sum) sum.count += count(row);
    else sums.set(id, { ...fields(row), count: count(row) });
  }
  return [...sums.values()];
}

async function addShareTotals(
  trx: Kysely<Database>,
  deltas: ReadonlyArray<{ dimension: string; share_key: string; type: string; count: number }>,
): Promise<void> {
  for (let first = 0; first < deltas.length; first += ROWS_PER_INSERT) {
    await trx
      .insertInto('review_share_total')
      .values(deltas.slice(first, first + ROWS_PER_INSERT))
      .onConflict((oc) =>
        oc.columns(['dimension', 'share_key', 'type']).doUpdateSet((eb) => ({ count: eb('review_share_total.count', '+', eb.ref('excluded.count')) })),
      )
      .execute();
  }
  await trx.deleteFrom('review_share_total').where('count', '<=', 0).execute();
}

async function addFacetTotals(trx: Kysely<Database>, deltas: ReadonlyArray<{ facet: string; value: string; count: number }>): Promise<void> {
  for (let first = 0; first < deltas.length; first += ROWS_PER_INSERT) {
    await trx
      .insertInto('review_facet_total')
      .values(deltas.slice(first, first + ROWS_PER_INSERT))
      .onConflict((oc) => oc.columns(['facet', 'value']).doUpdateSet((eb) => ({ count: eb('review_facet_total.count', '+', eb.ref('excluded.count')) })))
      .execute();
  }
  await trx.deleteFrom('review_facet_total').where('count', '<=', 0).execute();
}

export interface KeptReviewQuery {
  filters: ReviewFilters;
  undecidedOnly: boolean;
  sort: ReviewSort;
  after: ReviewCursor | null;
  limit: number;
}

/** The filters as facet values (each must be held by the item). */
function filterFacets(filters: ReviewFilters): Array<{ facet: ReviewFacet; value: string }> {
  const wanted: Array<{ facet: ReviewFacet; value: string | null }> = [
    { facet: 'type', value: filters.type },
    { facet: 'class', value: filters.classId === null ? null : String(filters.classId) },
    { facet: 'tag', value: filters.tag },
    { facet: 'pair', value: filters.pair },
    { facet: 'version', value: filters.version === null ? null : String(filters.version) },
  ];
  return wanted.filter((w): w is { facet: ReviewFacet; value: string } => w.value !== null);
}

type FacetValue = { facet: ReviewFacet; value: string };

/**
 * The queued samples matching the filters. `driver`, one of the filters' values, is read as the
 * set of samples holding it (through the facets' primary key) rather than checked per sample:
 * for a rare value that is far fewer rows than the queue.
 */
function matching(db: Kysely<Database>, query: Pick<KeptReviewQuery, 'filters' | 'undecidedOnly'>, driver: FacetValue | null) {
  let q = db.selectFrom('review_item as i');
  if (driver) {
    q = q.where('i.sample_id', 'in', (eb) =>
      eb.selectFrom('review_facet as d').select('d.sample_id').where('d.facet', '=', driver.facet).where('d.value', '=', driver.value),
    );
  }
  for (const { facet, value } of filterFacets(query.filters)) {
    if (facet === driver?.facet && value === driver.value) continue;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('review_facet as f')
          .select('f.sample_id')
          .whereRef('f.sample_id', '=', 'i.sample_id')
          .where('f.facet', '=', facet)
          .where('f.value', '=', value),
      ),
    );
  }
  if (query.undecidedOnly) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('gold_decision as d').select('d.sample_id').whereRef('d.sample_id', '=', 'i.sample_id'))),
    );
  }
  return q;
}

/** How many queued samples hold each of these values (from the kept sums; 0 for a value none holds). */
async function facetTotals(db: Kysely<Database>, values: readonly FacetValue[]): Promise<number[]> {
  if (values.length === 0) return [];
  const rows = await db
    .selectFrom('review_facet_total')
    .select(['facet', 'value', 'count'])
    .where((eb) => eb.or(values.map((v) => eb.and([eb('facet', '=', v.facet), eb('value', '=', v.value)]))))
    .execute();
  return values.map((v) => Number(rows.find((row) => row.facet === v.facet && row.value === v.value)?.count ?? 0));
}

/**
 * One page of the kept queue: the items matching the filters after `after` in the order asked
 * (severity: most severe first, ties by sample id), one more than `limit` to tell whether another
 * page follows, with how many match in all and how many the queue holds. How many match is read
 * from the kept sums when one filter is set (or none), and counted otherwise.
 */
export async function keptReviewPage(db: Kysely<Database>, query: KeptReviewQuery): Promise<{ items: ReviewItem[]; total: number; all: number }> {
  const after = query.after;
  // PostgreSQL returns counts as text: Number() reads both engines alike.
  const all = Number(
    (
      await db
        .selectFrom('review_item')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const wanted = filterFacets(query.filters);
  const totals = await facetTotals(db, wanted);
  const rarest = wanted.length === 0 ? null : wanted[totals.indexOf(Math.min(...totals))]!;
  const rarestTotal = totals.length === 0 ? all : Math.min(...totals);
  // Walking the severity index meets about (limit + 1) × all ÷ matches rows before a page is full;
  // reading the rarest value's samples and sorting them costs about as many as match: take the fewer.
  const driver = rarest && rarestTotal * rarestTotal < (query.limit + 1) * all ? rarest : null;
  const rows = await matching(db, query, driver)
    .select(['i.sample_id as sampleId', 'i.severity', 'i.item_json as itemJson'])
    .$if(after !== null && query.sort === 'severity', (q) =>
      q.where((eb) =>
        eb.or([eb('i.severity', '<', after!.severity), eb.and([eb('i.severity', '=', after!.severity), eb('i.sample_id', '>', after!.sampleId)])]),
      ),
    )
    .$if(after !== null && query.sort === 'sampleId', (q) => q.where('i.sample_id', '>', after!.sampleId))
    .$if(query.sort === 'severity', (q) => q.orderBy('i.severity', 'desc'))
    .orderBy('i.sample_id')
    .limit(query.limit + 1)
    .execute();
  const total =
    query.undecidedOnly || wanted.length > 1
      ? Number(
          (
            await matching(db, query, rarest)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      : rarestTotal;
  const items = rows.map((row) => ({
    ...readStoredJson(storedReviewItemSchema, row.itemJson, { table: 'review_item', column: 'item_json', row: row.sampleId }),
    severity: Number(row.severity),
  }));
  return { items, total, all };
}

/** Every value of `facet` some queued sample holds (from the kept sums). */
export async function keptReviewFacetValues(db: Kysely<Database>, facet: ReviewFacet): Promise<string[]> {
  const rows = await db.selectFrom('review_facet_total').select('value').where('facet', '=', facet).execute();
  return rows.map((row) => row.value);
}

/** The share counts of every sample, summed by dimension, key and type (kept with the entries). */
export async function keptReviewShareCounts(db: Kysely<Database>): Promise<Array<{ dimension: string; key: string; type: string; count: number }>> {
  const rows = await db.selectFrom('review_share_total').select(['dimension', 'share_key as key', 'type', 'count']).execute();
  return rows.map((row) => ({ ...row, count: Number(row.count) }));
}

/** The current decisions of these samples (the page's), by sample id. */
export async function currentDecisionsOf(db: Kysely<Database>, sampleIds: readonly number[]) {
  if (sampleIds.length === 0) return new Map<number, { revision: number; choice: Database['gold_decision']['choice'] }>();
  const rows = await db
    .selectFrom('gold_decision as d')
    .select(['d.sample_id', 'd.revision', 'd.choice'])
    .where('d.sample_id', 'in', sampleIds)
    .where(isCurrentDecision(db, 'd'))
    .execute();
  return new Map(rows.map((row) => [row.sample_id, { revision: row.revision, choice: row.choice }]));
}
