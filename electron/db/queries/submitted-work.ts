import type { Kysely } from 'kysely';
import type { SubmittedWork } from '../../../shared/quality/throughput';
import type { Database } from '../schema';

/** Every annotation submitted at least once: who, which sample, when first submitted, and the active time on it. */
export async function submittedWork(db: Kysely<Database>): Promise<SubmittedWork[]> {
  const rows = await db
    .selectFrom('annotation as a')
    .innerJoin('annotation_revision as r', 'r.annotation_id', 'a.id')
    .select((eb) => ['a.labeler_id as labelerId', 'a.sample_id as sampleId', 'a.time_spent_ms as timeSpentMs', eb.fn.min('r.saved_at').as('firstSubmittedAt')])
    .where('r.status', '=', 'submitted')
    .groupBy(['a.id', 'a.labeler_id', 'a.sample_id', 'a.time_spent_ms'])
    .orderBy('a.id')
    .execute();
  return rows.map((row) => ({
    labelerId: row.labelerId,
    sampleId: row.sampleId,
    timeSpentMs: Number(row.timeSpentMs),
    firstSubmittedAt: Number(row.firstSubmittedAt),
  }));
}
