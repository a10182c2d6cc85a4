import { diffPlans, reassign, ReassignmentRefusedError } from '../../shared/assignment/changes';
import { planAssignments } from '../../shared/assignment/plan';
import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { AssignmentSummary, LabelerProgress } from '../../shared/domain/assignment';
import {
  allSampleIds,
  applyAssignmentChanges,
  assignmentProgress,
  countUnassignedSamples,
  firstSampleIds,
  getPlanSettings,
  listAssignments,
  savePlanSettings,
  startedPairs,
  type PlanSettings,
} from '../db/queries/assignments';
import { listLabelers } from '../db/queries/labelers';
import { lockProject } from '../db/queries/project';
import { inTransaction } from '../db/transaction';
import type { Database } from '../db/schema';
import type { Kysely } from 'kysely';
import { requireProject, type OpenProject, type ServiceContext } from './hosting/context';

/**
 * Makes (or remakes) the plan with these settings. Work already started is never moved;
 * everything else is shared out again, so the same call rebalances after labelers join
 * or leave and takes in samples imported since.
 */
async function applyPlan(db: Kysely<Database>, settings: PlanSettings): Promise<void> {
  await inTransaction(db, async (trx) => {
    // Plans and reassignments from several windows or servers apply one after the other, each to what the last left.
    await lockProject(trx);
    const sampleIds = await allSampleIds(trx);
    const labelerIds = (await listLabelers(trx)).filter((l) => l.role === 'labeler').map((l) => l.id);
    const plan = planAssignments({
      sampleIds,
      labelerIds,
      overlap: settings.overlap,
      calibration: settings.calibration,
      seed: settings.seed,
      locked: await startedPairs(trx),
    });
    const { added, removed } = diffPlans(await listAssignments(trx), plan);
    await applyAssignmentChanges(trx, added, removed, settings.plannedAt);
    await savePlanSettings(trx, settings);
  });
}

export async function assignmentsPlan(ctx: ServiceContext, arg: ValidatedArg<'assignments.plan'>): Promise<AssignmentSummary> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const calibration = arg.calibrationSampleIds ?? (await firstSampleIds(db, arg.calibrationCount));
  await applyPlan(db, { overlap: arg.overlap, calibration, seed: arg.seed, plannedAt: Date.now() });
  ctx.events.emit('queues.changed', { cause: 'assignments' });
  return (await summarize(project))!;
}

/** Shares out unstarted work again with the plan's own settings (a labeler joined or left); says whether there was a plan. */
export async function rebalanceIfPlanned(project: OpenProject): Promise<boolean> {
  const settings = await getPlanSettings(project.connection.db);
  if (settings) await applyPlan(project.connection.db, { ...settings, plannedAt: Date.now() });
  return settings !== null;
}

export async function assignmentsSummary(ctx: ServiceContext): Promise<AssignmentSummary | null> {
  return summarize(requireProject(ctx));
}

export async function assignmentsReassign(ctx: ServiceContext, arg: ValidatedArg<'assignments.reassign'>): Promise<AssignmentSummary> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  if (!(await getPlanSettings(db))) throw new ApiError('failed_precondition', 'There is no assignment plan yet: make one first.');
  await inTransaction(db, async (trx) => {
    await lockProject(trx);
    const before = await listAssignments(trx);
    let after;
    try {
      after = reassign(before, arg, await startedPairs(trx));
    } catch (error) {
      if (error instanceof ReassignmentRefusedError) throw new ApiError(error.reason === 'not-assigned' ? 'not_found' : 'conflict', error.message);
      throw error;
    }
    const { added, removed } = diffPlans(before, after);
    await applyAssignmentChanges(trx, added, removed, Date.now());
  });
  ctx.events.emit('queues.changed', { cause: 'assignments' });
  return (await summarize(project))!;
}

async function summarize(project: OpenProject): Promise<AssignmentSummary | null> {
  const { db } = project.connection;
  const settings = await getPlanSettings(db);
  if (!settings) return null;
  const byLabeler = new Map<number, LabelerProgress>();
  for (const row of await assignmentProgress(db)) {
    const progress = byLabeler.get(row.labelerId) ?? { labelerId: row.labelerId, name: row.name, assigned: 0, todo: 0, draft: 0, submitted: 0 };
    progress.assigned++;
    progress[row.status ?? 'todo']++;
    byLabeler.set(row.labelerId, progress);
  }
  return {
    overlap: settings.overlap,
    seed: settings.seed,
    calibrationSampleIds: settings.calibration,
    plannedAt: new Date(settings.plannedAt).toISOString(),
    unassignedSamples: await countUnassignedSamples(db),
    labelers: [...byLabeler.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
