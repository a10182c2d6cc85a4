import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { filteredSamples, type SampleQuery } from './samples';

/**
 * Samples by their agreement as kept in `sample_agreement` (migration 24, written with the kept
 * Review queue): the caller brings stale samples up to date first. Samples without a row (fewer
 * than two labelers submitted) match no agreement bound and come after every compared sample,
 * either way; ties go by import order in the direction asked, as every other order of the list.
 */

type Filters = Omit<SampleQuery, 'offset' | 'limit' | 'sort'>;

/** The compared samples matching `query`'s filters and its agreement bound, joined to their score. */
function compared(db: Kysely<Database>, query: Filters) {
  const bound = query.agreement;
  // The bound is applied on the joined score rather than as the filter's own EXISTS.
  return filteredSamples(db, { ...query, agreement: undefined })
    .innerJoin('sample_agreement as sa', 'sa.sample_id', 'sample.id')
    .$if(bound?.below !== undefined, (q) => q.where('sa.agreement', '<', bound!.below!))
    .$if(bound?.atLeast !== undefined, (q) => q.where('sa.agreement', '>=', bound!.atLeast!));
}

/** The samples matching `query`'s filters that no agreement is kept for. */
function notCompared(db: Kysely<Database>, query: Filters) {
  return filteredSamples(db, query).where(({ not, exists, selectFrom }) =>
    not(exists(selectFrom('sample_agreement as sa').select('sa.sample_id').whereRef('sa.sample_id', '=', 'sample.id'))),
  );
}

/** count(*) as n: PostgreSQL returns counts as text, so callers read it with Number(). */
const countAll = sql<string | number>`count(*)`.as('n');

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
  const comparedTotal = Number((await compared(db, query).select(countAll).executeTakeFirstOrThrow()).n);
  const ids: number[] = [];
  if (page.offset < comparedTotal) {
    const rows = await compared(db, query)
      .select('sample.id')
      .orderBy('sa.agreement', direction)
      .orderBy('sa.sample_id', direction)
      .offset(page.offset)
      .limit(page.limit)
      .execute();
    ids.push(...rows.map((row) => row.id));
  }
  // With a bound only compared samples match; without one the others come last.
  if (query.agreement) return { total: comparedTotal, ids };
  const notComparedTotal = Number((await notCompared(db, query).select(countAll).executeTakeFirstOrThrow()).n);
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
