import type { Kysely } from 'kysely';
import type { Submission } from '../../../shared/quality/peer-scores';
import type { Database } from '../schema';

/**
 * When each labeler last submitted an answer to each sample (the time of their current answer,
 * whatever guideline version it was made under), in sample then labeler order. Drafts saved since
 * do not move it. The app dates drift by the times its agreement ledger keeps in its entries; this
 * is the database's own record they are checked against (the tests, the drift benchmark).
 */
export async function latestSubmissionTimes(db: Kysely<Database>): Promise<Submission[]> {
  const rows = await db
    .selectFrom('annotation_revision as r')
    .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
    .select((eb) => ['a.sample_id as sampleId', 'a.labeler_id as labelerId', eb.fn.max('r.saved_at').as('submittedAt')])
    .where('r.status', '=', 'submitted')
    .groupBy(['a.sample_id', 'a.labeler_id'])
    .orderBy('a.sample_id')
    .orderBy('a.labeler_id')
    .execute();
  return rows.map((row) => ({ sampleId: row.sampleId, labelerId: row.labelerId, submittedAt: Number(row.submittedAt) }));
}
