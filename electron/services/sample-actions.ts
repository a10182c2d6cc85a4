import type { Kysely } from 'kysely';
import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { currentAnswers } from '../../shared/agreement/current-answers';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import type { BulkResult } from '../../shared/domain/sample';
import { submittedForAgreement } from '../db/queries/agreement-inputs';
import { assignSamples } from '../db/queries/assignments';
import { addDecision, decisionRevisionForWrite } from '../db/queries/gold';
import { requestRelabel } from '../db/queries/guidelines';
import { getLabeler } from '../db/queries/labelers';
import { currentGuidelineVersion, lockProject } from '../db/queries/project';
import { existingSampleIds, matchingSampleIds, samplesWithSubmissions } from '../db/queries/samples';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { consensusOf } from './consensus';
import { requireProject, type OpenProject, type ServiceContext } from './hosting/context';
import { keepAgreementCurrent } from './sample-order';

/**
 * Bulk actions of the Samples data manager, for SMEs and admins. Each reads its selection (ids
 * picked across pages, or every sample a filter matches) and acts on it in one transaction:
 * all of it happens or none does, and the result says how many samples changed and how many
 * were already as asked. Tagging goes through `sample-tags.ts`.
 */

type Selection = ValidatedArg<'samples.assign'>['selection'];

/**
 * The samples of a selection as they are when the action runs, in import order. A filter with an
 * agreement bound reads the kept agreement: `agreementForSelection` brings it up to date first.
 */
export async function selectedSampleIds(db: Kysely<Database>, selection: Selection): Promise<number[]> {
  if ('ids' in selection) return existingSampleIds(db, selection.ids);
  return matchingSampleIds(db, selection.filter);
}

/** Brings the kept agreement up to date when the selection's filter has an agreement bound (before the action's transaction). */
export async function agreementForSelection(project: OpenProject, selection: Selection): Promise<void> {
  if (!('ids' in selection) && selection.filter.agreement) await keepAgreementCurrent(project);
}

/** Puts the samples in a labeler's queue; those already there stay as they are. */
export async function samplesAssign(ctx: ServiceContext, arg: ValidatedArg<'samples.assign'>): Promise<BulkResult & { labeler: string }> {
  const project = requireProject(ctx);
  await agreementForSelection(project, arg.selection);
  return inTransaction(project.connection.db, async (trx) => {
    // Plans and reassignments apply one after the other, each to what the last left.
    await lockProject(trx);
    const labeler = await getLabeler(trx, arg.labelerId);
    if (!labeler || labeler.disabled)
      throw new ApiError('invalid_argument', `No active account ${arg.labelerId} to assign samples to.`, [
        { path: 'labelerId', message: 'not an active account' },
      ]);
    const ids = await selectedSampleIds(trx, arg.selection);
    const changed = await assignSamples(trx, ids, labeler.id, ctx.now());
    return { selected: ids.length, changed, unchanged: ids.length - changed, labeler: labeler.name };
  });
}

/** Sends the samples back to everyone who submitted them, with the reason; samples nobody submitted are left alone. */
export async function samplesRelabel(ctx: ServiceContext, arg: ValidatedArg<'samples.relabel'>): Promise<BulkResult & { requests: number }> {
  const project = requireProject(ctx);
  await agreementForSelection(project, arg.selection);
  const { ids, sent, requests } = await inTransaction(project.connection.db, async (trx) => {
    const ids = await selectedSampleIds(trx, arg.selection);
    const sent = await samplesWithSubmissions(trx, ids);
    const requests = await requestRelabel(trx, sent, (await currentGuidelineVersion(trx)).id, arg.reason, ctx.now());
    return { ids, sent, requests };
  });
  // Their submissions are drafts again: agreement no longer counts them.
  for (const sampleId of sent) project.agreement.sampleChanged(sampleId);
  return { selected: ids.length, changed: sent.length, unchanged: ids.length - sent.length, requests };
}

/**
 * Accepts the automatic consensus as the gold label of every undecided sample with two or more
 * submitted answers; samples already decided, or with fewer answers, are left as they are.
 */
export async function samplesAcceptConsensus(ctx: ServiceContext, arg: ValidatedArg<'samples.acceptConsensus'>): Promise<BulkResult> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  // The consensus is computed before the transaction (it may ask the worker for labeler weights);
  // inside, each sample's answers are read again and a sample whose answers moved on is skipped.
  await agreementForSelection(project, arg.selection);
  const ids = await selectedSampleIds(db, arg.selection);
  const answers = groupBySample(await submittedForAgreement(db, ids));
  const proposals = new Map<number, { payload: AnnotationPayload; answersAt: number }>();
  for (const [sampleId, annotations] of answers) {
    const current = currentAnswers(annotations);
    if (current.length < 2) continue;
    proposals.set(sampleId, { payload: await consensusOf(project, current, {}), answersAt: latestAt(current) });
  }
  const accepted = await inTransaction(db, async (trx) => {
    const guideline = await currentGuidelineVersion(trx);
    const stillSame = groupBySample(await submittedForAgreement(trx, [...proposals.keys()]));
    const done: number[] = [];
    for (const [sampleId, { payload, answersAt }] of proposals) {
      if (latestAt(currentAnswers(stillSame.get(sampleId) ?? [])) !== answersAt) continue;
      if ((await decisionRevisionForWrite(trx, sampleId)) !== null) continue;
      await addDecision(trx, {
        sampleId,
        choice: 'auto_consensus',
        sourceLabelerId: null,
        payload,
        decidedBy: ctx.caller?.id ?? null,
        at: ctx.now(),
        reason: 'accepted in bulk from the Samples list',
        guidelineRule: null,
        guidelineVersionId: guideline.id,
      });
      done.push(sampleId);
    }
    return done;
  });
  for (const sampleId of accepted) ctx.events.emit('review.decided', { sampleId, revision: 1 });
  return { selected: ids.length, changed: accepted.length, unchanged: ids.length - accepted.length };
}

function groupBySample<A extends { sampleId: number }>(annotations: readonly A[]): Map<number, A[]> {
  const bySample = new Map<number, A[]>();
  for (const annotation of annotations) bySample.set(annotation.sampleId, [...(bySample.get(annotation.sampleId) ?? []), annotation]);
  return bySample;
}

function latestAt(annotations: ReadonlyArray<{ submittedAt: number }>): number {
  return Math.max(0, ...annotations.map((a) => a.submittedAt));
}
