import type { ValidatedArg, OperationResult } from '../../shared/api/contract';
import type { AuditAction, AuditEntry, AuditPage } from '../../shared/domain/audit';
import { describeTaxonomyChange } from '../../shared/domain/taxonomy';
import type { BulkResult } from '../../shared/domain/sample';
import { appendAudit, listAudit } from '../db/queries/audit';
import { requireProject, type ServiceContext } from './hosting/context';

type Recorder<N extends AuditAction> = (arg: ValidatedArg<N>, result: OperationResult<N>) => { subject: string; details: AuditEntry['details'] };

/**
 * What the audit log says of each audited operation: its subject and a few facts, from the
 * call's argument and result (never a password: only that one was set).
 */
const RECORDERS: { [N in AuditAction]: Recorder<N> } = {
  'review.decide': (arg, decision) => ({
    subject: `sample ${arg.sampleId}`,
    details: { choice: arg.choice, revision: decision.revision, labeler: arg.labelerId ?? null, rule: arg.guidelineRule, reason: arg.reason },
  }),
  'review.autoAccept': (arg, result) => ({ subject: 'samples at or above the threshold', details: { threshold: arg.threshold, accepted: result.accepted } }),
  'guidelines.publish': (arg, published) => ({ subject: `guideline v${published.version}`, details: { requeued: arg.requeueSampleIds.length } }),
  'assignments.plan': (_arg, plan) => ({
    subject: 'assignment plan',
    details: { overlap: plan.overlap, seed: plan.seed, calibration: plan.calibrationSampleIds.length },
  }),
  'assignments.reassign': (arg) => ({ subject: `sample ${arg.sampleId}`, details: { from: arg.from, to: arg.to } }),
  'datasets.create': (_arg, dataset) => ({ subject: `dataset v${dataset.version}`, details: { contentHash: dataset.contentHash } }),
  'datasets.export': (arg, exported) => ({ subject: `dataset v${arg.version}`, details: { format: arg.format, dir: exported.dir, files: exported.files } }),
  'datasets.download': (arg) => ({ subject: `dataset v${arg.version}`, details: { format: arg.format } }),
  'prelabels.import': (arg, imported) => ({
    subject: `predictions "${arg.source}"`,
    details: { format: arg.format, imported: imported.imported, problems: imported.problems.length, minScore: arg.minScore },
  }),
  // Who turned pre-labels on or off, for which predictions and with what blind share: it changes how labelers label.
  'prelabels.configure': (arg) => ({
    subject: 'pre-label plan',
    details: { source: arg.source, blindShare: arg.blindShare, seed: arg.seed },
  }),
  'prelabels.override': (arg) => ({ subject: `sample ${arg.sampleId} for labeler ${arg.labelerId}`, details: { prelabels: arg.choice } }),
  'labels.import': (arg, imported) => ({
    subject: imported.labelers.map((l) => l.name).join(', ') || arg.labeler,
    details: { format: arg.format, imported: imported.imported, problems: imported.problems.length },
  }),
  'labels.export': (arg, exported) => ({
    subject: 'every labeler’s answers',
    details: { format: arg.format, dir: exported.dir, labelers: exported.labelers, annotations: exported.annotations },
  }),
  'labelers.create': (_arg, account) => ({ subject: account.name, details: { role: account.role } }),
  'labelers.update': (arg, account) => ({
    subject: account.name,
    details: {
      ...(arg.role !== undefined ? { role: arg.role } : {}),
      ...(arg.disabled !== undefined ? { disabled: arg.disabled } : {}),
      ...(arg.password !== undefined ? { password: 'set' } : {}),
    },
  }),
  'session.changePassword': () => ({ subject: 'own password', details: {} }),
  'taxonomy.change': (_arg, change) => ({
    subject: `${change.target} ${change.itemId}`,
    details: { change: describeTaxonomyChange(change), guidelineVersion: change.guidelineVersion },
  }),
  // Check settings judge people: each change is kept whole, so the entry before it says what it was.
  'gold.configure': (arg) => ({
    subject: 'gold check settings',
    details: {
      rate: arg.rate,
      feedback: arg.feedback,
      qualificationThreshold: arg.qualification?.threshold ?? null,
      requalifyOnNewVersion: arg.qualification?.requalifyOnNewVersion ?? null,
    },
  }),
  'gold.mark': (arg) => ({
    subject: samplesSubject(arg.sampleIds),
    details: { mark: arg.mark, samples: arg.sampleIds.length },
  }),
  // Who wrote on which thread, without the words: they stay in the thread itself (never edited or
  // deleted), so the log need not hold a second copy of up to 4,000 characters per line.
  'comments.post': (arg, thread) => ({
    subject: `sample ${arg.sampleId}`,
    details: { thread: thread.id, posted: arg.threadId !== null ? 'reply' : thread.question ? 'question' : 'comment' },
  }),
  'comments.resolve': (arg, thread) => ({ subject: `sample ${thread.sampleId}`, details: { thread: arg.threadId, resolved: arg.resolved } }),
  'samples.untag': (arg, result) => ({ subject: selectionSubject(arg.selection), details: { tag: arg.tag, ...bulkDetails(result) } }),
  'samples.assign': (arg, result) => ({ subject: selectionSubject(arg.selection), details: { labeler: result.labeler, ...bulkDetails(result) } }),
  'samples.relabel': (arg, result) => ({
    subject: selectionSubject(arg.selection),
    details: { reason: arg.reason, requests: result.requests, ...bulkDetails(result) },
  }),
  'samples.acceptConsensus': (arg, result) => ({ subject: selectionSubject(arg.selection), details: bulkDetails(result) }),
};

/** Samples an entry is about, by id: the first ten, and how many more (a call may mark thousands). */
function samplesSubject(sampleIds: readonly number[]): string {
  if (sampleIds.length === 1) return `sample ${sampleIds[0]}`;
  const more = sampleIds.length - SUBJECT_SAMPLES;
  return `samples ${sampleIds.slice(0, SUBJECT_SAMPLES).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
const SUBJECT_SAMPLES = 10;

/** A bulk action's samples in words: the ids picked (the first few), or the filter they matched. */
function selectionSubject(selection: ValidatedArg<'samples.assign'>['selection']): string {
  if ('ids' in selection) return samplesSubject(selection.ids);
  return `samples matching ${JSON.stringify(selection.filter)}`;
}

function bulkDetails(result: BulkResult): AuditEntry['details'] {
  return { selected: result.selected, changed: result.changed, unchanged: result.unchanged };
}

const isAudited = (name: string): name is AuditAction => Object.hasOwn(RECORDERS, name);

/** Appends a successful audited call to the project's audit log: who, when, what, on what. */
export async function recordIfAudited(ctx: ServiceContext, name: string, arg: unknown, result: unknown): Promise<void> {
  if (!isAudited(name) || !ctx.project) return;
  const { subject, details } = (RECORDERS[name] as Recorder<AuditAction>)(arg as never, result as never);
  await appendAudit(ctx.project.connection.db, {
    at: ctx.now(),
    actorId: ctx.caller?.id ?? null,
    actorName: ctx.caller?.name ?? 'unknown',
    action: name,
    subject,
    details,
  });
}

export async function auditList(ctx: ServiceContext, arg: ValidatedArg<'audit.list'>): Promise<AuditPage> {
  return listAudit(requireProject(ctx).connection.db, arg);
}
