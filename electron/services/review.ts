import type { Kysely } from 'kysely';
import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import { pairDisagreements } from '../../shared/disagreement/review-entry';
import type { ReviewPage } from '../../shared/disagreement/review-ledger';
import type { AnnotationForAgreement } from '../../shared/agreement';
import { currentAnswers } from '../../shared/agreement/current-answers';
import type { ClassifyingProgress } from '../../shared/domain/classifying';
import type { GoldDecision, ReviewQueueView, ReviewSample } from '../../shared/domain/gold';
import { guidelineSections, sectionOfRule } from '../../shared/guideline/sections';
import { submittedForAgreement } from '../db/queries/agreement-inputs';
import { addDecision, currentDecisions, decisionHistory, decisionRevisionForWrite, deleteDraft, getDraft, putDraft } from '../db/queries/gold';
import { publishedGuideline } from '../db/queries/guidelines';
import { currentGuidelineVersion, type GuidelineVersionRef } from '../db/queries/project';
import { currentDecisionsOf } from '../db/queries/review-queue';
import { sampleNames } from '../db/queries/samples';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { requireProject, type OpenProject, type ServiceContext } from './hosting/context';
import { consensusOf } from './consensus';
import { KEPT_REVIEW_IOU, keptReviewQueuePage } from './review-queue-kept';
import { requireFittingPayload, type RetiredClassesKept } from './fitting-payload';

/**
 * Disagreement review and adjudication, for SMEs and engineers: the queue of samples where
 * labelers disagree, one sample's evidence, and decisions on its final (gold) label. Decisions
 * never touch the labelers' annotations.
 */

export async function reviewQueue(ctx: ServiceContext, arg: ValidatedArg<'review.queue'>): Promise<ReviewQueueView> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const { undecidedOnly, ...filters } = arg.filters;
  let page: ReviewPage;
  let decisions: Map<number, Pick<GoldDecision, 'revision' | 'choice'>>;
  let classifying: ClassifyingProgress | null = null;
  // The kept queue is brought up to date by writing to it: a project opened read-only classifies in the worker.
  if (arg.iouThreshold === KEPT_REVIEW_IOU && project.keptQueue) {
    classifying = await project.keptQueue.forRead();
    page = await keptReviewQueuePage(db, { filters, undecidedOnly, sort: arg.sort, after: arg.after, limit: arg.limit });
    decisions = await currentDecisionsOf(
      db,
      page.items.map((item) => item.sampleId),
    );
  } else {
    decisions = await currentDecisions(db);
    page = await project.agreement.reviewPage(
      { iouThreshold: arg.iouThreshold, normalize: [] },
      { filters, sort: arg.sort, after: arg.after, limit: arg.limit, exclude: undecidedOnly ? new Set(decisions.keys()) : undefined },
    );
  }
  const names = await sampleNames(
    db,
    page.items.map((item) => item.sampleId),
  );
  return {
    ...page,
    items: page.items.map((item) => ({
      ...item,
      displayName: names.get(item.sampleId) ?? `sample ${item.sampleId}`,
      decision: decisions.get(item.sampleId) ?? null,
    })),
    classifying,
  };
}

export async function reviewSample(ctx: ServiceContext, arg: ValidatedArg<'review.sample'>): Promise<ReviewSample> {
  const project = requireProject(ctx);
  const annotations = await latestSubmitted(project, arg.sampleId);
  const disagreements = [];
  for (let i = 0; i < annotations.length; i++) {
    for (let j = i + 1; j < annotations.length; j++)
      disagreements.push(...pairDisagreements(annotations[i]!, annotations[j]!, { iouThreshold: arg.iouThreshold }));
  }
  const history = await decisionHistory(project.connection.db, arg.sampleId);
  return {
    sampleId: arg.sampleId,
    annotations: annotations.map((a) => ({
      labelerId: a.labelerId,
      guidelineVersion: a.guidelineVersion,
      submittedAt: new Date(a.submittedAt).toISOString(),
      payload: a.payload,
    })),
    answersAt: latestAnswerAt(annotations),
    disagreements,
    consensus: await consensusOf(project, annotations, { iouThreshold: arg.iouThreshold }),
    decision: history[0] ?? null,
    history,
    draft: await getDraft(project.connection.db, arg.sampleId),
  };
}

/** Autosaves an SME's gold edit in progress; `baseRevision` guards against a second window. */
export async function reviewSaveDraft(ctx: ServiceContext, arg: ValidatedArg<'review.saveDraft'>): Promise<{ revision: number }> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const payload = await requireFittingPayload(project, arg.sampleId, arg.payload, await goldSources(project, arg.sampleId));
  return inTransaction(db, async (trx) => {
    const editedElsewhere = (current: number | null) =>
      new ApiError(
        'conflict',
        `This gold label was edited elsewhere meanwhile (draft ${current ?? 'none'}, this edit started from ${arg.baseRevision ?? 'none'}). Reload it to continue.`,
      );
    const current = (await getDraft(trx, arg.sampleId))?.revision ?? null;
    if (current !== arg.baseRevision) throw editedElsewhere(current);
    const revision = (current ?? 0) + 1;
    // On a shared server another save can land between the read and the write: the write checks
    // again, and the refusal names the draft that landed (read anew, after it committed).
    if (!(await putDraft(trx, arg.sampleId, payload, revision, ctx.caller?.id ?? null, Date.now())))
      throw editedElsewhere((await getDraft(trx, arg.sampleId))?.revision ?? null);
    return { revision };
  });
}

/** What a gold label is built from: a retired class any of them used may stay in it. */
async function goldSources(project: OpenProject, sampleId: number): Promise<RetiredClassesKept> {
  const draft = await getDraft(project.connection.db, sampleId);
  return { classesOf: [...(await latestSubmitted(project, sampleId)).map((a) => a.payload), ...(draft ? [draft.payload] : [])] };
}

/** When the newest of the answers was submitted (ISO), or null without answers: what an SME's view was of. */
function latestAnswerAt(annotations: readonly { submittedAt: number }[]): string | null {
  if (annotations.length === 0) return null;
  return new Date(Math.max(...annotations.map((a) => a.submittedAt))).toISOString();
}

/**
 * Records the SME's decision on a sample's gold label as a new revision. `baseRevision` is the
 * decision the SME was looking at (null for none): a mismatch means someone decided meanwhile.
 */
export async function reviewDecide(ctx: ServiceContext, arg: ValidatedArg<'review.decide'>): Promise<GoldDecision> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const annotations = await latestSubmitted(project, arg.sampleId);
  // The accepted label is rebuilt from the answers as they are now: they must be those the SME judged.
  const answersAt = latestAnswerAt(annotations);
  if (answersAt !== arg.answersSeenAt)
    throw new ApiError(
      'conflict',
      `A labeler submitted a new answer for this sample since you opened it (at ${answersAt ?? 'none'}). Reload it to see what changed before deciding.`,
    );
  let payload: AnnotationPayload;
  let sourceLabelerId: number | null = null;
  if (arg.choice === 'labeler') {
    const chosen = annotations.find((a) => a.labelerId === arg.labelerId);
    if (!chosen)
      throw new ApiError('invalid_argument', `Labeler ${arg.labelerId} has not submitted this sample.`, [
        { path: 'labelerId', message: 'no submitted annotation' },
      ]);
    payload = chosen.payload;
    sourceLabelerId = chosen.labelerId;
  } else if (arg.choice === 'consensus') {
    if (annotations.length < 2) throw new ApiError('failed_precondition', 'A consensus needs two or more submitted annotations.');
    payload = await consensusOf(project, annotations, {});
  } else {
    if (!arg.payload) throw new ApiError('invalid_argument', 'An edited gold label needs its payload.', [{ path: 'payload', message: 'is required' }]);
    payload = await requireFittingPayload(project, arg.sampleId, arg.payload, await goldSources(project, arg.sampleId));
  }
  await inTransaction(db, async (trx) => {
    const latest = await decisionRevisionForWrite(trx, arg.sampleId);
    if (latest !== arg.baseRevision) {
      throw new ApiError(
        'conflict',
        `This sample was decided meanwhile (decision ${latest ?? 'none'}; you were looking at ${arg.baseRevision ?? 'none'}). Reload it to see the newest decision.`,
      );
    }
    // Read in the transaction: the rule must be a section of the version the decision is recorded under.
    const guideline = await currentGuidelineVersion(trx);
    const guidelineRule = arg.guidelineRule === null ? null : await requireGuidelineSection(trx, guideline, arg.guidelineRule);
    await addDecision(trx, {
      sampleId: arg.sampleId,
      choice: arg.choice,
      sourceLabelerId,
      payload,
      decidedBy: ctx.caller?.id ?? null,
      at: Date.now(),
      reason: arg.reason,
      guidelineRule,
      guidelineVersionId: guideline.id,
    });
    // Any decision ends an edit in progress: a stale draft must not come back over it later.
    await deleteDraft(trx, arg.sampleId);
  });
  const decision = (await decisionHistory(db, arg.sampleId))[0]!;
  ctx.events.emit('review.decided', { sampleId: arg.sampleId, revision: decision.revision });
  return decision;
}

/**
 * The rule as `#anchor` if it names a section of the guideline version in force; else the
 * refusal lists the sections there are (their titles and anchors, never the guideline's text).
 */
async function requireGuidelineSection(db: Kysely<Database>, guideline: GuidelineVersionRef, rule: string): Promise<string | null> {
  if (rule.trim() === '') return null;
  const published = await publishedGuideline(db, guideline.version);
  const sections = guidelineSections(published?.bodyMd ?? '');
  const section = sectionOfRule(sections, rule);
  if (section) return `#${section.anchor}`;
  const offered = sections.length === 0 ? 'it has no sections' : `its sections are ${sections.map((s) => `“${s.title}” (#${s.anchor})`).join(', ')}`;
  throw new ApiError('invalid_argument', `Guideline v${guideline.version} has no section “${rule}”: ${offered}.`, [
    { path: 'guidelineRule', message: 'not a section of the guideline in force' },
  ]);
}

/**
 * Accepts the automatic consensus of every undecided sample whose agreement (1 − disagreement
 * score) is at least `threshold`: near-unanimous samples need no SME. Returns how many.
 */
export async function reviewAutoAccept(ctx: ServiceContext, arg: ValidatedArg<'review.autoAccept'>): Promise<{ accepted: number }> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const agreement = await project.agreement.snapshot({ iouThreshold: 0.5, normalize: [] });
  const decided = await currentDecisions(db);
  const eligible = agreement.perSample.filter((sample) => 1 - sample.score >= arg.threshold && !decided.has(sample.sampleId));
  const guideline = await currentGuidelineVersion(db);
  let accepted = 0;
  for (const sample of eligible) {
    const annotations = await latestSubmitted(project, sample.sampleId);
    const payload = await consensusOf(project, annotations, {});
    const decided = await inTransaction(db, async (trx) => {
      if ((await decisionRevisionForWrite(trx, sample.sampleId)) !== null) return false; // decided meanwhile
      await addDecision(trx, {
        sampleId: sample.sampleId,
        choice: 'auto_consensus',
        sourceLabelerId: null,
        payload,
        decidedBy: null,
        at: Date.now(),
        reason: `agreement ${(100 * (1 - sample.score)).toFixed(1)}% ≥ ${(100 * arg.threshold).toFixed(1)}%`,
        guidelineRule: null,
        guidelineVersionId: guideline.id,
      });
      return true;
    });
    if (!decided) continue;
    accepted++;
    ctx.events.emit('review.decided', { sampleId: sample.sampleId, revision: 1 });
  }
  return { accepted };
}

/** The current answer of each labeler of a sample, by labeler id. */
async function latestSubmitted(project: OpenProject, sampleId: number): Promise<AnnotationForAgreement[]> {
  return currentAnswers(await submittedForAgreement(project.connection.db, sampleId));
}
