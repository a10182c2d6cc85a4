import type { ValidatedArg } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { GoldChecks, GoldQualityReport, Qualification } from '../../../shared/domain/gold-checks';
import type { Labeler } from '../../../shared/domain/labeler';
import { goldAgreement, goldPairs, labelerGoldAgreement } from '../../../shared/quality/gold-agreement';
import { submittedForAgreement } from '../../db/queries/agreement-inputs';
import { decidedAmong, getCheckSettings, markChecks, saveCheckSettings, unmarkChecks } from '../../db/queries/gold-checks';
import { getLabeler, listLabelers } from '../../db/queries/labelers';
import { currentGuidelineVersion } from '../../db/queries/project';
import type { Database } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import type { Kysely } from 'kysely';
import { requireCaller, requireMayRead, requireProject, type ServiceContext } from '../hosting/context';
import { answersToServedChecks, checksWithValidity, type CheckWithValidity } from './live-checks';
import { beginAttempt, qualificationStatus } from './qualification';

/**
 * Gold checks for SMEs: which decided samples are checks (and which of them the qualification
 * set), at what rate they are served, whether labelers get feedback, and each labeler's
 * agreement with gold and qualification.
 */

export async function goldChecks(ctx: ServiceContext): Promise<GoldChecks> {
  return checksView(requireProject(ctx).connection.db);
}

export async function goldConfigure(ctx: ServiceContext, arg: ValidatedArg<'gold.configure'>): Promise<GoldChecks> {
  const { db } = requireProject(ctx).connection;
  await inTransaction(db, async (trx) => {
    const before = await getCheckSettings(trx);
    // The day a qualification is first asked for divides new labelers (who take it) from those already at work.
    const since = arg.qualification ? (before.qualificationSince ?? { at: Date.now(), version: (await currentGuidelineVersion(trx)).version }) : null;
    await saveCheckSettings(trx, { rate: arg.rate, feedback: arg.feedback, qualification: arg.qualification, qualificationSince: since });
  });
  return checksView(db);
}

/** Marks decided samples as checks (or qualification checks), or unmarks them. */
export async function goldMark(ctx: ServiceContext, arg: ValidatedArg<'gold.mark'>): Promise<GoldChecks> {
  const { db } = requireProject(ctx).connection;
  await inTransaction(db, async (trx) => {
    if (arg.mark === 'none') return unmarkChecks(trx, arg.sampleIds);
    const decided = await decidedAmong(trx, arg.sampleIds);
    const undecided = arg.sampleIds.filter((sampleId) => !decided.has(sampleId));
    if (undecided.length > 0)
      throw new ApiError(
        'failed_precondition',
        `A check needs a gold label: sample${undecided.length > 1 ? 's' : ''} ${undecided.slice(0, 10).join(', ')} ${undecided.length > 1 ? 'have' : 'has'} no decision yet.`,
        [{ path: 'sampleIds', message: 'undecided samples' }],
      );
    await markChecks(trx, arg.sampleIds, arg.mark === 'qualification', requireCaller(ctx).id, Date.now());
  });
  return checksView(db);
}

async function checksView(db: Kysely<Database>): Promise<GoldChecks> {
  const { qualificationSince: _since, ...settings } = await getCheckSettings(db);
  const checks = await checksWithValidity(db);
  return {
    settings,
    checks: checks.map((check) => ({
      sampleId: check.sampleId,
      displayName: check.displayName,
      qualification: check.qualification,
      decidedUnder: check.decidedUnder,
      rule: check.rule,
      retiredIn: check.retiredIn,
    })),
  };
}

/**
 * Each labeler's agreement with gold over the checks they were served (never a sample they had
 * answered before it was served), in the terms of inter-labeler agreement, with qualification.
 */
export async function goldReport(ctx: ServiceContext, arg: ValidatedArg<'gold.report'>): Promise<GoldQualityReport> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const checks = await checksWithValidity(db);
  const answers = await answersToServedChecks(db);
  const labelers = await listLabelers(db);
  const names = new Map(labelers.map((l) => [l.id, l.name]));
  const kind = project.kind;
  return {
    kind,
    labelers: goldAgreement(kind, checks, answers, { iouThreshold: arg.iouThreshold, normalize: arg.normalize }).map((agreement) => ({
      ...agreement,
      name: names.get(agreement.labelerId) ?? `labeler ${agreement.labelerId}`,
    })),
    qualification: await Promise.all(labelers.filter((l) => l.role === 'labeler').map((l) => qualificationOf(db, kind, l, checks))),
    liveChecks: checks.filter((check) => check.retiredIn === null).length,
    retiredChecks: checks.filter((check) => check.retiredIn !== null).length,
  };
}

/** Where a labeler stands with the qualification set (a labeler reads only their own). */
export async function goldQualification(ctx: ServiceContext, arg: ValidatedArg<'gold.qualification'>): Promise<Qualification> {
  const project = requireProject(ctx);
  requireMayRead(ctx, arg.labelerId);
  const labeler = await requireLabeler(project.connection.db, arg.labelerId);
  return qualificationOf(project.connection.db, project.kind, labeler, await checksWithValidity(project.connection.db));
}

/** Gives a labeler the qualification set again after a failed attempt. */
export async function goldRequalify(ctx: ServiceContext, arg: ValidatedArg<'gold.requalify'>): Promise<Qualification> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const labeler = await requireLabeler(db, arg.labelerId);
  await inTransaction(db, async (trx) => {
    const checks = await checksWithValidity(trx);
    const status = await qualificationStatus(trx, labeler, checks);
    if (status.set.length === 0 || !(await getCheckSettings(trx)).qualification)
      throw new ApiError('failed_precondition', 'There is no qualification set: mark some checks as qualification and set a threshold first.');
    if (status.state !== 'failed')
      throw new ApiError('failed_precondition', `The set is given again after a failed attempt; ${labeler.name}'s qualification is ${status.state}.`);
    await beginAttempt(trx, labeler.id, status.set, Date.now());
  });
  return qualificationOf(db, project.kind, labeler, await checksWithValidity(db));
}

async function requireLabeler(db: Kysely<Database>, labelerId: number): Promise<Labeler> {
  const labeler = await getLabeler(db, labelerId);
  if (!labeler) throw new ApiError('not_found', `No labeler ${labelerId} in this project.`, [{ path: 'labelerId', message: 'unknown labeler' }]);
  return labeler;
}

async function qualificationOf(
  db: Kysely<Database>,
  kind: 'bbox' | 'transcript',
  labeler: Labeler,
  checks: readonly CheckWithValidity[],
): Promise<Qualification> {
  const status = await qualificationStatus(db, labeler, checks);
  const attempt = status.attempt;
  if (!attempt) return { labelerId: labeler.id, state: status.state, attempt: null };
  let perCheck: { sampleId: number; score: number }[] = [];
  if (attempt.finishedAt !== null) {
    const inAttempt = new Set(attempt.sampleIds);
    const answers = (await submittedForAgreement(db)).filter(
      (a) => a.labelerId === labeler.id && inAttempt.has(a.sampleId) && a.submittedAt >= attempt.startedAt,
    );
    const pairs = goldPairs(
      checks.filter((check) => inAttempt.has(check.sampleId)),
      answers,
    );
    if (pairs.length > 0) perCheck = labelerGoldAgreement(kind, pairs, { bootstrap: false }).perCheck.map(({ sampleId, score }) => ({ sampleId, score }));
  }
  return {
    labelerId: labeler.id,
    state: status.state,
    attempt: {
      guidelineVersion: attempt.guidelineVersion,
      sampleIds: attempt.sampleIds,
      startedAt: new Date(attempt.startedAt).toISOString(),
      finishedAt: attempt.finishedAt === null ? null : new Date(attempt.finishedAt).toISOString(),
      score: attempt.score,
      checks: perCheck,
    },
  };
}
