import type { Kysely } from 'kysely';
import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { GuidelineDraft, GuidelineNotice, GuidelineVersionSummary, PublishedGuideline } from '../../shared/domain/guideline';
import { publishProblems } from '../../shared/guideline/publishing';
import { wordDiff, type DiffPart } from '../../shared/guideline/word-diff';
import {
  addDraftExample,
  deleteDraft,
  deleteDraftExample,
  freezeDraftExamples,
  lastLabeledVersion,
  listGuidelineVersions,
  lockDraft,
  markSeen,
  openRelabels,
  publishedGuideline,
  readDraft,
  requestRelabel,
  seenVersion,
  updateDraftExample,
  writeDraft,
} from '../db/queries/guidelines';
import { labelerQueue } from '../db/queries/annotation-reads';
import { chooseQueueSamples } from './gold/queue-selection';
import { currentGuidelineVersion, insertGuidelineVersion } from '../db/queries/project';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { requireIsCaller, requireProject, type OpenProject, type ServiceContext } from './hosting/context';
import { exampleEvidence } from './guideline-examples';

/**
 * The project's guideline: published versions are immutable and every label records the one
 * it was made under; SMEs and engineers edit the one draft of the next version, attach real
 * cases as examples, and publish it with a changelog, re-queueing the samples it should settle.
 */

export async function guidelinesCurrent(ctx: ServiceContext): Promise<PublishedGuideline> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  return withoutOpenCases(ctx, project, (await publishedGuideline(db, (await currentGuidelineVersion(db)).version))!);
}

export async function guidelinesList(ctx: ServiceContext): Promise<GuidelineVersionSummary[]> {
  return listGuidelineVersions(requireProject(ctx).connection.db);
}

export async function guidelinesVersion(ctx: ServiceContext, arg: ValidatedArg<'guidelines.version'>): Promise<PublishedGuideline> {
  const project = requireProject(ctx);
  return withoutOpenCases(ctx, project, await requireVersion(project, arg.version));
}

/**
 * Labelers work blind: an example shows everyone's answers to a real sample, so a labeler does
 * not see the examples of samples still open in their own queue (not yet submitted, or sent back
 * to relabel) until they have answered them.
 */
async function withoutOpenCases(ctx: ServiceContext, project: OpenProject, guideline: PublishedGuideline): Promise<PublishedGuideline> {
  const caller = ctx.caller;
  if (!caller || caller.role !== 'labeler' || guideline.examples.length === 0) return guideline;
  const { db } = project.connection;
  const relabels = await openRelabels(db, caller.id);
  const queue = await labelerQueue(db, caller.id, await chooseQueueSamples(db, caller, false));
  const open = new Set(queue.filter((item) => item.status !== 'submitted' || relabels.has(item.sampleId)).map((item) => item.sampleId));
  return { ...guideline, examples: guideline.examples.filter((example) => !open.has(example.sampleId)) };
}

export async function guidelinesDiff(ctx: ServiceContext, arg: ValidatedArg<'guidelines.diff'>): Promise<DiffPart[]> {
  const project = requireProject(ctx);
  const [from, to] = await Promise.all([requireVersion(project, arg.from), requireVersion(project, arg.to)]);
  return wordDiff(from.bodyMd, to.bodyMd);
}

/** The draft of the next version; the first call starts it from the current version. */
export async function guidelinesDraft(ctx: ServiceContext): Promise<GuidelineDraft> {
  const project = requireProject(ctx);
  return draftOf(project);
}

export async function guidelinesSaveDraft(ctx: ServiceContext, arg: ValidatedArg<'guidelines.saveDraft'>): Promise<GuidelineDraft> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  await inTransaction(db, async (trx) => {
    // Locked first: a save or publication from another window or server waits, then reads what it left.
    const current = (await lockDraft(trx)) ?? 0;
    if (current === 0 && arg.baseRevision > 0) throw await publishedMeanwhile(trx, 'nothing was saved; edit the new draft');
    const savedElsewhere = (revision: number) =>
      new ApiError(
        'conflict',
        `The draft was saved elsewhere meanwhile (revision ${revision}, this edit started from ${arg.baseRevision}). Reload it to continue.`,
      );
    if (current !== arg.baseRevision) throw savedElsewhere(current);
    const draft = await readDraft(trx);
    const baseVersion = draft?.baseVersion ?? (await currentGuidelineVersion(trx)).version;
    // A first draft has no row to lock: the write itself checks, so a second first save is refused.
    const draftWrite = { bodyMd: arg.bodyMd, baseVersion, addresses: arg.addresses ?? draft?.addresses ?? [], revision: current + 1, at: Date.now() };
    if (!(await writeDraft(trx, draftWrite))) throw savedElsewhere((await lockDraft(trx)) ?? 0);
  });
  return draftOf(project);
}

/** The refusal of a change to a draft that is gone: the only way a draft goes is its publication. */
async function publishedMeanwhile(trx: Kysely<Database>, outcome: string): Promise<ApiError> {
  const { version } = await currentGuidelineVersion(trx);
  return new ApiError('conflict', `The draft was published as v${version} meanwhile; ${outcome}. Reload the guideline to see it.`);
}

/** Attaches real cases to the draft (from review: the samples behind a disagreement type) and notes the types addressed. */
export async function guidelinesAttachCases(ctx: ServiceContext, arg: ValidatedArg<'guidelines.attachCases'>): Promise<GuidelineDraft> {
  const project = requireProject(ctx);
  const before = await draftOf(project);
  const attached = new Set(before.examples.map((example) => example.sampleId));
  const wanted = [...new Set(arg.sampleIds)].filter((sampleId) => !attached.has(sampleId));
  const evidence = await Promise.all(wanted.map((sampleId) => exampleEvidence(project, sampleId)));
  // The text is re-read inside the transaction and written back unchanged: an edit saved in
  // another window meanwhile is kept, and its revision still moves on.
  await inTransaction(project.connection.db, async (trx) => {
    if ((await lockDraft(trx)) === null) throw await publishedMeanwhile(trx, 'nothing was attached');
    const draft = (await readDraft(trx))!;
    const at = Date.now();
    for (const [index, sampleId] of wanted.entries())
      await addDraftExample(trx, { section: '', polarity: 'dont', sampleId, caption: '', evidence: evidence[index]!, at });
    const addresses = [...new Set([...draft.addresses, ...arg.addresses])];
    if (!(await writeDraft(trx, { bodyMd: draft.bodyMd, baseVersion: draft.baseVersion, addresses, revision: draft.revision + 1, at })))
      throw new ApiError('conflict', 'The draft was saved elsewhere while the cases were being attached. Nothing was attached; try again.');
  });
  return draftOf(project);
}

export async function guidelinesAddExample(ctx: ServiceContext, arg: ValidatedArg<'guidelines.addExample'>): Promise<GuidelineDraft> {
  const project = requireProject(ctx);
  await draftOf(project);
  const evidence = await exampleEvidence(project, arg.sampleId);
  await addDraftExample(project.connection.db, {
    section: arg.section,
    polarity: arg.polarity,
    sampleId: arg.sampleId,
    caption: arg.caption,
    evidence,
    at: Date.now(),
  });
  return draftOf(project);
}

export async function guidelinesUpdateExample(ctx: ServiceContext, arg: ValidatedArg<'guidelines.updateExample'>): Promise<GuidelineDraft> {
  const project = requireProject(ctx);
  const { id, ...change } = arg;
  if (!(await updateDraftExample(project.connection.db, id, change)))
    throw new ApiError('not_found', `No example ${id} in the draft (examples of published versions cannot change).`);
  return draftOf(project);
}

export async function guidelinesRemoveExample(ctx: ServiceContext, arg: ValidatedArg<'guidelines.removeExample'>): Promise<GuidelineDraft> {
  const project = requireProject(ctx);
  if (!(await deleteDraftExample(project.connection.db, arg.id))) throw new ApiError('not_found', `No example ${arg.id} in the draft.`);
  return draftOf(project);
}

/**
 * Publishes the draft as the next version, immutable from now on: its placed examples are
 * frozen with it, and the chosen samples go back to their labelers to relabel under it.
 */
export async function guidelinesPublish(ctx: ServiceContext, arg: ValidatedArg<'guidelines.publish'>): Promise<PublishedGuideline> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const version = await inTransaction(db, async (trx) => {
    // Locked first: of two publications (or a publication and a save) at once, the second sees the first's result.
    if ((await lockDraft(trx)) === null) throw await publishedMeanwhile(trx, 'it was not published again');
    const draft = (await readDraft(trx))!;
    if (draft.revision !== arg.baseRevision)
      throw new ApiError('conflict', `The draft changed meanwhile (revision ${draft.revision}); review it before publishing.`);
    const problems = publishProblems(draft, arg.changelog);
    if (problems.length > 0)
      throw new ApiError(
        'invalid_argument',
        problems.join(' '),
        problems.map((message) => ({ path: 'changelog', message })),
      );
    const next = (await currentGuidelineVersion(trx)).version + 1;
    const at = Date.now();
    const versionId = await insertGuidelineVersion(trx, { version: next, bodyMd: draft.bodyMd, changelog: arg.changelog.trim(), publishedAt: at });
    await freezeDraftExamples(trx, versionId);
    await deleteDraft(trx);
    await requestRelabel(trx, arg.requeueSampleIds, versionId, arg.changelog.trim(), at);
    return next;
  });
  ctx.events.emit('guideline.published', { version });
  return requireVersion(project, version);
}

/** What changed since the version this labeler last read; `null` when nothing did. */
export async function guidelinesNotice(ctx: ServiceContext, arg: ValidatedArg<'guidelines.notice'>): Promise<GuidelineNotice | null> {
  const project = requireProject(ctx);
  requireIsCaller(ctx, arg.labelerId);
  const { db } = project.connection;
  const current = (await currentGuidelineVersion(db)).version;
  const recorded = await seenVersion(db, arg.labelerId);
  // Without a record of reading, the labeler knew the version they last labeled under. That is
  // read from all their revisions (170 ms for a labeler with 100,000 answers, on every sign-in),
  // so it is recorded the first time: later reads take the record. A read-only view cannot note
  // anything: there it is worked out again next time.
  const seen = recorded ?? (await lastLabeledVersion(db, arg.labelerId));
  if (seen === null) {
    // Someone new starts by reading the current guideline; there is no change to show them.
    if (!project.readOnly) await markSeen(db, arg.labelerId, current);
    return null;
  }
  if (recorded === null && !project.readOnly) await markSeen(db, arg.labelerId, seen);
  if (seen >= current) return null;
  const [from, to] = await Promise.all([requireVersion(project, seen), requireVersion(project, current)]);
  const changelog = (await listGuidelineVersions(db)).filter((v) => v.version > seen);
  return { fromVersion: seen, toVersion: current, changelog, diff: wordDiff(from.bodyMd, to.bodyMd) };
}

export async function guidelinesAcknowledge(ctx: ServiceContext, arg: ValidatedArg<'guidelines.acknowledge'>): Promise<null> {
  const project = requireProject(ctx);
  requireIsCaller(ctx, arg.labelerId);
  const { db } = project.connection;
  // The version the notice showed: one published while it was open still needs showing.
  await markSeen(db, arg.labelerId, arg.version ?? (await currentGuidelineVersion(db)).version);
  return null;
}

async function draftOf(project: OpenProject): Promise<GuidelineDraft> {
  const { db } = project.connection;
  const existing = await readDraft(db);
  if (existing) return existing;
  const current = await publishedGuideline(db, (await currentGuidelineVersion(db)).version);
  // Started by someone else at the same moment: theirs is the draft (read below).
  await writeDraft(db, { bodyMd: current!.bodyMd, baseVersion: current!.version, addresses: [], revision: 1, at: Date.now() });
  return (await readDraft(db))!;
}

async function requireVersion(project: OpenProject, version: number): Promise<PublishedGuideline> {
  const found = await publishedGuideline(project.connection.db, version);
  if (!found) throw new ApiError('not_found', `There is no guideline v${version}.`, [{ path: 'version', message: 'unknown version' }]);
  return found;
}
