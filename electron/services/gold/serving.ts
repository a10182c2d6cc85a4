import type { Kysely } from 'kysely';
import { checksToServe } from '../../../shared/quality/check-selection';
import { assignedAmong, assignedCount, getCheckSettings, servedChecks, serveChecks, startedAmong, withdrawUnstarted } from '../../db/queries/gold-checks';
import type { Database } from '../../db/schema';
import type { CheckWithValidity } from './live-checks';

/**
 * Brings a labeler's served checks in line with the project's rate (run in the caller's
 * transaction): checks retired or unmarked since are taken back unless started, and new ones
 * are drawn from the live checks the labeler has never started and does not have as work, so a
 * check is never a sample they answered before. A live check the labeler has as work and has not
 * started counts as a check too (its answer is judged against gold) without taking a place. Served checks stay served: the queue does not
 * change under the labeler from one read to the next.
 */
export async function topUpChecks(db: Kysely<Database>, labelerId: number, checks: readonly CheckWithValidity[], planned: boolean, at: number): Promise<void> {
  const settings = await getCheckSettings(db);
  const live = checks.filter((check) => check.retiredIn === null).map((check) => check.sampleId);
  const liveSet = new Set(live);
  const served = (await servedChecks(db, labelerId)).filter((row) => row.purpose === 'check');
  await withdrawUnstarted(
    db,
    labelerId,
    served.filter((row) => !liveSet.has(row.sampleId)).map((row) => row.sampleId),
  );
  const stillServed = new Set((await servedChecks(db, labelerId)).map((row) => row.sampleId));
  // Only the checks' own samples are looked up: this runs on every read of the queue, whose size it must not grow with.
  const started = await startedAmong(db, labelerId, live);
  const assigned = planned ? await assignedAmong(db, labelerId, [...new Set([...live, ...served.map((row) => row.sampleId)])]) : null;
  // A live check already in the queue as work (assigned, or every sample before a plan), not yet started, is one too.
  const asWork = live.filter((id) => (assigned ? assigned.has(id) : true) && !started.has(id) && !stillServed.has(id));
  await serveChecks(db, labelerId, asWork, 'check', at);
  if (!assigned) return;
  const candidates = live.filter((id) => !stillServed.has(id) && !started.has(id) && !assigned.has(id));
  if (candidates.length === 0) return;
  const chosen = checksToServe({
    rate: settings.rate,
    ordinary: await assignedCount(db, labelerId),
    served: served.filter((row) => stillServed.has(row.sampleId) && !assigned.has(row.sampleId)).length,
    candidates,
    seed: labelerId,
  });
  await serveChecks(db, labelerId, chosen, 'check', at);
}
