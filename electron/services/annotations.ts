import type { Kysely } from 'kysely';
import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { AnnotationView, Queue, QueueStatus } from '../../shared/domain/annotation';
import type { Labeler } from '../../shared/domain/labeler';
import type { QueueWindow } from '../../shared/domain/queue-window';
import { annotationView, findAnnotation, isInQueue, labelerQueue } from '../db/queries/annotation-reads';
import { closeRelabels, openRelabels } from '../db/queries/guidelines';
import { annotationForWrite, saveAnnotation } from '../db/queries/annotations';
import { withCurrentTagNames } from '../../shared/domain/taxonomy';
import { currentGuidelineVersion, lockProject, tagNamesNow } from '../db/queries/project';
import { getPlanSettings } from '../db/queries/assignments';
import { getLabeler } from '../db/queries/labelers';
import { labelerQueueWindow } from '../db/queries/queue-window';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { requireFittingPayload } from './fitting-payload';
import { checksWithValidity } from './gold/live-checks';
import { scoreOpenAttempt } from './gold/qualification';
import { chooseQueueSamples, requireUnlocked } from './gold/queue-selection';
import { offerFor } from './prelabels';
import { requireIsCaller, requireMayRead, requireProject, type OpenProject, type ServiceContext } from './hosting/context';

async function requireLabeler(project: OpenProject, labelerId: number) {
  const labeler = await getLabeler(project.connection.db, labelerId);
  if (!labeler) throw new ApiError('not_found', `No labeler ${labelerId} in this project.`, [{ path: 'labelerId', message: 'unknown labeler' }]);
  return labeler;
}

export async function queueGet(ctx: ServiceContext, arg: ValidatedArg<'queue.get'>): Promise<Queue> {
  const project = requireProject(ctx);
  await requireLabeler(project, arg.labelerId);
  requireMayRead(ctx, arg.labelerId);
  const { db } = project.connection;
  const relabels = await openRelabels(db, arg.labelerId);
  const labeler = await getLabeler(db, arg.labelerId);
  const items = (await labelerQueue(db, arg.labelerId, await chooseQueueSamples(db, labeler!))).map((item) => {
    const relabel = relabels.get(item.sampleId);
    return relabel ? { ...item, relabel } : item;
  });
  const counts: Record<QueueStatus, number> = { todo: 0, draft: 0, submitted: 0 };
  for (const item of items) counts[item.status]++;
  return { labelerId: arg.labelerId, items, counts };
}

/**
 * A window on the labeler's queue: the queue is chosen as `queue.get` chooses it, and only the
 * items around `around` are read and travel, so the label screen holds a hundred items of any
 * queue and the back end reads about as many.
 */
export async function queueWindowGet(ctx: ServiceContext, arg: ValidatedArg<'queue.window'>): Promise<QueueWindow & { labelerId: number }> {
  const project = requireProject(ctx);
  const labeler = await requireLabeler(project, arg.labelerId);
  requireMayRead(ctx, arg.labelerId);
  const { db } = project.connection;
  const selection = await chooseQueueSamples(db, labeler);
  return { labelerId: arg.labelerId, ...(await labelerQueueWindow(db, arg.labelerId, selection, arg)) };
}

export async function annotationsMine(ctx: ServiceContext, arg: ValidatedArg<'annotations.mine'>): Promise<AnnotationView | null> {
  const project = requireProject(ctx);
  await requireLabeler(project, arg.labelerId);
  requireMayRead(ctx, arg.labelerId);
  const { db } = project.connection;
  const mine = await findAnnotation(db, arg.sampleId, arg.labelerId);
  // Tags given before a rename are shown under the tag's name now.
  return mine && { ...mine, payload: withCurrentTagNames(mine.payload, await tagNamesNow(db)) };
}

/**
 * Refuses a labeler's first save on a sample that is no longer theirs: an SME may reassign a
 * sample nobody started, and an edit made before that (kept offline, or in a window left open)
 * must not start work on it afterwards. The project's lock is the one `assignments.reassign`
 * takes, so on a team server the two run one after the other: either the save lands first (and
 * the reassignment is refused as started work) or the reassignment does (and this is refused).
 * (A plan made at the same moment as a first save in a project that had none may share that
 * sample out to others too: the started work is kept, and the next rebalance counts it.)
 */
async function requireStillQueued(trx: Kysely<Database>, labeler: Pick<Labeler, 'id' | 'role'>, sampleId: number): Promise<void> {
  // Without a plan every sample is every labeler's and nothing can be reassigned: no lock, so
  // first saves do not queue behind one another on a team server.
  if (labeler.role !== 'labeler' || (await getPlanSettings(trx)) === null) return;
  await lockProject(trx);
  const selection = await chooseQueueSamples(trx, labeler, false);
  if (!(await isInQueue(trx, labeler.id, selection, sampleId))) {
    throw new ApiError('failed_precondition', `Sample ${sampleId} is no longer in your queue (it was assigned to someone else), so this edit was not saved.`);
  }
}

/**
 * Saves a labeler's annotation as a new revision (the editor's autosave and submit both
 * land here). The payload is checked against the sample and the project, and an edit
 * based on an old revision is refused rather than silently overwriting newer work.
 */
export async function annotationsSave(ctx: ServiceContext, arg: ValidatedArg<'annotations.save'>): Promise<AnnotationView> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  // The caller's account was read with their session in this very call; another id is looked up (and then refused).
  const labeler = ctx.caller?.id === arg.labelerId ? ctx.caller : await requireLabeler(project, arg.labelerId);
  requireIsCaller(ctx, arg.labelerId);
  const previous = await findAnnotation(db, arg.sampleId, arg.labelerId);
  const payload = await requireFittingPayload(project, arg.sampleId, arg.payload, { sameBoxesAs: previous?.payload ?? null });
  await requireUnlocked(db, labeler, arg.sampleId);
  const saved = await inTransaction(db, async (trx) => {
    const current = await annotationForWrite(trx, arg.sampleId, arg.labelerId);
    if ((current?.revision ?? null) !== arg.baseRevision) {
      throw new ApiError(
        'conflict',
        `This annotation was saved elsewhere in the meantime (revision ${current?.revision ?? 'none'}, this edit started from ${arg.baseRevision ?? 'none'}). Reload the sample to continue from the newest version.`,
      );
    }
    if (current === null) await requireStillQueued(trx, labeler, arg.sampleId);
    const guideline = await currentGuidelineVersion(trx);
    // The first save records whether this assignment started from the model's label or was kept blind to it.
    const offer = current === null ? await offerFor(trx, arg.sampleId, arg.labelerId) : null;
    const row = await saveAnnotation(
      trx,
      {
        sampleId: arg.sampleId,
        labelerId: arg.labelerId,
        guidelineVersionId: guideline.id,
        payload,
        status: arg.status,
        at: Date.now(),
        prelabel: offer && { arm: offer.arm, predictionId: offer.predictionId },
        timeSpentMs: arg.timeSpentMs,
      },
      current,
    );
    if (arg.status === 'submitted') {
      await closeRelabels(trx, arg.sampleId, arg.labelerId, Date.now());
      await scoreOpenAttempt(trx, project.kind, arg.labelerId, () => checksWithValidity(trx), Date.now());
    }
    // The row as written is the answer: reading it again would cost a round trip.
    return annotationView(row, guideline.version);
  });
  // Drafts are not answers yet (a labeler's last submitted revision stands): only a submission moves agreement.
  if (arg.status === 'submitted') {
    project.agreement.sampleChanged(arg.sampleId);
    ctx.events.emit('agreement.changed', { sampleId: arg.sampleId });
  }
  return saved;
}
