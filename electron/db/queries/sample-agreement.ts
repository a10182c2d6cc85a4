import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../schema';
import { filteredSamples, type SampleQuery } from './samples';

/**
 * Samples by their agreement as kept in `sample_agreement` (migration 24, written with the kept
 * Review queue): the caller brings stale samples up to date first. Samples without a row (fewer
 * than two labelers submitted) match no agreement bound and come after every compared sample,
 * either way; ties go by import order in the direction asked, as every other order of the list.
 */

type Filters = Omit<SampleQuery, 'offset' | 'limit' | 'sort'>;

/** count(*) as n: PostgreSQL returns counts as text, so callers read it with Number(). */
const countAll = sql<string | number>`count(*)`.as('n');

/**
 * Whether the query narrows the samples by anything but agreement. When it does not, the compared
 * samples are the rows of `sample_agreement` alone (each belongs to a sample: foreign key, cascade),
 * read from its index without touching the samples. A filter this file does not know counts as one.
 */
function narrowsSamples(query: Filters): boolean {
  return Object.entries(query).some(([key, value]) => {
    if (key === 'agreement' || value === undefined) return false;
    if (key === 'tags') return (value as unknown[]).length > 0;
    if (key === 'search') return value !== '';
    return true;
  });
}

/** The compared samples matching `query`'s sample filters (not its bound), joined to their score. */
function comparedSamples(db: Kysely<Database>, query: Filters) {
  return filteredSamples(db, { ...query, agreement: undefined }).innerJoin('sample_agreement as sa', 'sa.sample_id', 'sample.id');
}

/** The samples matching `query`'s filters that no agreement is kept for. */
function notCompared(db: Kysely<Database>, query: Filters) {
  return filteredSamples(db, query).where(({ not, exists, selectFrom }) =>
    not(exists(selectFrom('sample_agreement as sa').select('sa.sample_id').whereRef('sa.sample_id', '=', 'sample.id'))),
  );
}

/**
 * The compared samples matching `query`, its agreement bound included: read from the score index
 * alone when nothing else narrows them, joined to the filtered samples when something does.
 */
function comparedWithinBound(db: Kysely<Database>, query: Filters) {
  const { below, atLeast } = query.agreement ?? {};
  const compared: ComparedSource = narrowsSamples(query) ? comparedSamples(db, query) : db.selectFrom('sample_agreement as sa');
  return compared
    .$if(below !== undefined, (q) => q.where('sa.agreement', '<', below!))
    .$if(atLeast !== undefined, (q) => q.where('sa.agreement', '>=', atLeast!));
}

/** What {@link comparedWithinBound} reads from: the kept scores as `sa`, whatever else is joined. */
type ComparedSource = SelectQueryBuilder<Database & { sa: Database['sample_agreement'] }, 'sa', object>;

/** How many compared samples match `query`, its agreement bound included. */
async function comparedCount(db: Kysely<Database>, query: Filters): Promise<number> {
  const row = await comparedWithinBound(db, query).select(countAll).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of the compared samples matching `query`, in agreement order, ties by sample id in the same direction. */
async function comparedPage(db: Kysely<Database>, query: Filters, direction: 'asc' | 'desc', offset: number, limit: number): Promise<number[]> {
  const rows = await comparedWithinBound(db, query)
    .select('sa.sample_id as id')
    .orderBy('sa.agreement', direction)
    .orderBy('sa.sample_id', direction)
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * One page of the samples matching `query` in agreement order (lowest first unless `descending`),
 * by offset, with how many match in all. The compared samples are read through the index on
 * `(agreement, sample_id)`; the others follow in import order.
 *
 * @example
 * await samplePageByAgreement(db, { tags: [] }, { descending: false, offset: 0, limit: 100 }); // the 100 samples labelers agree on least
 */
export async function samplePageByAgreement(
  db: Kysely<Database>,
  query: Filters,
  page: { descending: boolean; offset: number; limit: number },
): Promise<{ total: number; ids: number[] }> {
  const direction = page.descending ? 'desc' : 'asc';
  const comparedTotal = await comparedCount(db, query);
  const ids = page.offset < comparedTotal ? await comparedPage(db, query, direction, page.offset, page.limit) : [];
  // With a bound only compared samples match; without one the others come last.
  if (query.agreement) return { total: comparedTotal, ids };
  const notComparedTotal = narrowsSamples(query)
    ? Number((await notCompared(db, query).select(countAll).executeTakeFirstOrThrow()).n)
    : Number((await db.selectFrom('sample').select(countAll).executeTakeFirstOrThrow()).n) - comparedTotal;
  if (ids.length < page.limit && page.offset + ids.length < comparedTotal + notComparedTotal) {
    const rows = await notCompared(db, query)
      .select('sample.id')
      .orderBy('sample.id', direction)
      .offset(Math.max(0, page.offset - comparedTotal))
      .limit(page.limit - ids.length)
      .execute();
    ids.push(...rows.map((row) => row.id));
  }
  return { total: comparedTotal + notComparedTotal, ids };
}

/** How many samples have a kept agreement within `bound` (from the score index alone). */
export function samplesWithinBound(db: Kysely<Database>, bound: NonNullable<Filters['agreement']>): Promise<number> {
  return comparedCount(db, { tags: [], agreement: bound });
}

/** The kept agreement of each of these samples that has one, by sample id. */
export async function keptAgreementOf(db: Kysely<Database>, sampleIds: readonly number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  // SQLite caps bound parameters; chunks keep any number of samples within it.
  for (let start = 0; start < sampleIds.length; start += 500) {
    const rows = await db
      .selectFrom('sample_agreement')
      .select(['sample_id', 'agreement'])
      .where('sample_id', 'in', sampleIds.slice(start, start + 500))
      .execute();
    for (const row of rows) found.set(row.sample_id, Number(row.agreement));
  }
  return found;
}
