import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Submission } from '../../../shared/quality/peer-scores';
import { joinedNumbers } from '../../../shared/numbers/joined';
import type { Database } from '../schema';

/**
 * When each labeler last submitted an answer to each sample (the time of their current answer,
 * whatever guideline version it was made under). Drafts saved since do not move it.
 */
export async function latestSubmissionTimes(db: Kysely<Database>): Promise<Submission[]> {
  const rows = await latestSubmissionRows(db, null).execute();
  return rows.map((row) => ({ sampleId: row.sampleId, labelerId: row.labelerId, submittedAt: Number(row.submittedAt) }));
}

/**
 * {@link latestSubmissionTimes} packed as `packSubmissions` packs them (sample, labeler, time, in
 * that order), read `samplesPerRead` sample ids at a time: at 100,000 samples × 3 labelers the
 * 300,000 rows are never all objects at once beside the agreement's whole computation. Requests
 * that came in meanwhile are answered between reads: a SQLite read settles within the turn that
 * made it, so without the pause the whole read (~0.5 s at 100,000) would hold every other request.
 */
export async function packedSubmissionTimes(db: Kysely<Database>, samplesPerRead = 4_000): Promise<Float64Array> {
  const range = await db
    .selectFrom('sample')
    .select((eb) => [eb.fn.min('id').as('first'), eb.fn.max('id').as('last')])
    .executeTakeFirst();
  const parts: Float64Array[] = [];
  for (let from = Number(range?.first ?? 1); range?.last != null && from <= Number(range.last); from += samplesPerRead) {
    const rows = await latestSubmissionRows(db, [from, from + samplesPerRead]).execute();
    const part = new Float64Array(rows.length * 3);
    for (const [i, row] of rows.entries()) {
      part[i * 3] = row.sampleId;
      part[i * 3 + 1] = row.labelerId;
      part[i * 3 + 2] = Number(row.submittedAt);
    }
    parts.push(part);
    await nextTurn();
  }
  return joinedNumbers(parts);
}

/** Each labeler's latest submission of each sample, in sample then labeler order; of the samples with ids in [from, to) when given. */
function latestSubmissionRows(db: Kysely<Database>, ids: [from: number, to: number] | null) {
  return db
    .selectFrom('annotation_revision as r')
    .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
    .select((eb) => ['a.sample_id as sampleId', 'a.labeler_id as labelerId', eb.fn.max('r.saved_at').as('submittedAt')])
    .where('r.status', '=', 'submitted')
    .$if(ids !== null, (query) => query.where('a.sample_id', '>=', ids![0]).where('a.sample_id', '<', ids![1]))
    .groupBy(['a.sample_id', 'a.labeler_id'])
    .orderBy('a.sample_id')
    .orderBy('a.labeler_id');
}
