import type { Kysely } from 'kysely';
import { ApiError } from '../../../shared/api/errors';
import type { Labeler } from '../../../shared/domain/labeler';
import type { QueueSelection } from '../../db/queries/annotation-reads';
import { getPlanSettings } from '../../db/queries/assignments';
import { getCheckSettings } from '../../db/queries/gold-checks';
import type { Database } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import { checksWithValidity } from './live-checks';
import { beginAttempt, qualificationAsked, qualificationStatus } from './qualification';
import { topUpChecks } from './serving';

/**
 * The one place that chooses which samples a labeler gets. While they must qualify, the
 * qualification set alone (its attempt begun on first need); otherwise their work (every sample
 * before a plan exists, their assigned samples after) with gold checks mixed in at the project's
 * rate. `prepare: false` only reads (for views that must not change a queue).
 */
export async function chooseQueueSamples(db: Kysely<Database>, labeler: Pick<Labeler, 'id' | 'role'>, prepare = true): Promise<QueueSelection> {
  return inTransaction(db, async (trx) => {
    const checks = await checksWithValidity(trx);
    const qualification = await qualificationStatus(trx, labeler, checks);
    if (qualification.state === 'in-progress' || qualification.state === 'failed') {
      if (prepare && qualification.state === 'in-progress' && !qualification.attempt) await beginAttempt(trx, labeler.id, qualification.set, Date.now());
      return 'qualification';
    }
    const planned = (await getPlanSettings(trx)) !== null;
    if (prepare) await topUpChecks(trx, labeler.id, checks, planned, Date.now());
    return planned ? 'assigned' : 'everything';
  });
}

/** Refuses real work to a labeler who has not qualified: only the samples of their attempt may be saved. */
export async function requireUnlocked(db: Kysely<Database>, labeler: Pick<Labeler, 'id' | 'role'>, sampleId: number): Promise<void> {
  // Every save passes here: where no qualification applies (as qualificationStatus decides it), one small read says so.
  if (labeler.role !== 'labeler' || !qualificationAsked(await getCheckSettings(db))) return;
  const checks = await checksWithValidity(db);
  const qualification = await qualificationStatus(db, labeler, checks);
  if (qualification.state !== 'in-progress' && qualification.state !== 'failed') return;
  const allowed = qualification.state === 'in-progress' ? (qualification.attempt?.sampleIds ?? qualification.set) : [];
  if (!allowed.includes(sampleId))
    throw new ApiError(
      'failed_precondition',
      qualification.state === 'failed'
        ? 'Your qualification did not reach the threshold yet: an SME will go through it with you and open it again.'
        : `Label the qualification set first: real work opens once it is passed (sample ${sampleId} is not in it).`,
    );
}
