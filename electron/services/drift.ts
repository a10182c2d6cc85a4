import type { ValidatedArg } from '../../shared/api/contract';
import { teamDrift, type LabelerDrift } from '../../shared/quality/team-drift';
import { throughput, type LabelerThroughput } from '../../shared/quality/throughput';
import { latestSubmissionTimes } from '../db/queries/submission-times';
import { submittedWork } from '../db/queries/submitted-work';
import { requireProject, type ServiceContext } from './hosting/context';

/**
 * Each labeler's agreement with their peers over time, with a band from their own history and
 * a flag when it fell below (see `detectDrift`). Reads the per-sample scores the agreement
 * worker already keeps, so the dashboard and this panel share one computation.
 */
export async function qualityDrift(ctx: ServiceContext, arg: ValidatedArg<'quality.drift'>): Promise<LabelerDrift[]> {
  const project = requireProject(ctx);
  const agreement = await project.agreement.snapshot({ iouThreshold: arg.iouThreshold, normalize: arg.normalize });
  const submissions = await latestSubmissionTimes(project.connection.db);
  return teamDrift(agreement.perSample, submissions);
}

/** Each labeler's samples submitted per day and week, and their time per sample (median, p90, the slowest samples). */
export async function teamThroughput(ctx: ServiceContext): Promise<LabelerThroughput[]> {
  return throughput(await submittedWork(requireProject(ctx).connection.db));
}
