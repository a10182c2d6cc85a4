import type { Kysely } from 'kysely';
import type { Submission } from '../../../shared/quality/peer-scores';
import type { Database } from '../schema';

/**
 * When each labeler last submitted an answer to each sample (the time of their current answer,
 * whatever guideline version it was made under). Drafts saved since do not move it.
 */
export async function latestSubmissionTimes(db: Kysely<Database>): Promise<Submission[]> {
  return db
    .selectFrom('annotation_revision as r')
    .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
    .select((eb) => ['a.sample_id as sampleId', 'a.labeler_id as labelerId', eb.fn.max('r.saved_at').as('submittedAt')])
    .where('r.status', '=', 'submitted')
    .groupBy(['a.sample_id', 'a.labeler_id'])
    .orderBy('a.sample_id')
    .orderBy('a.labeler_id')
    .execute()
    .then((rows) => rows.map((row) => ({ sampleId: row.sampleId, labelerId: row.labelerId, submittedAt: Number(row.submittedAt) })));
}
