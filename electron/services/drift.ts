import type { ValidatedArg } from '../../shared/api/contract';
import { goldAgreement } from '../../shared/quality/gold-agreement';
import { withGoldDrift, type LabelerQualityDrift } from '../../shared/quality/gold-drift';
import { goldScoreSeries } from '../../shared/quality/gold-series';
import { teamDrift } from '../../shared/quality/team-drift';
import { throughput, type LabelerThroughput } from '../../shared/quality/throughput';
import { latestSubmissionTimes } from '../db/queries/submission-times';
import { submittedWork } from '../db/queries/submitted-work';
import { answersToServedChecks, checksWithValidity } from './gold/live-checks';
import { requireProject, type ServiceContext } from './hosting/context';

/**
 * Each labeler's agreement with their peers and with gold over time, each with a band from their
 * own history and a flag when it fell below (see `detectDrift`). Peer scores are the ones the
 * agreement worker already keeps, so the dashboard and this panel share one computation; gold
 * scores are `gold.report`'s per-check scores (without its bootstrap, which drift does not read).
 */
export async function qualityDrift(ctx: ServiceContext, arg: ValidatedArg<'quality.drift'>): Promise<LabelerQualityDrift[]> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const options = { iouThreshold: arg.iouThreshold, normalize: arg.normalize };
  const agreement = await project.agreement.snapshot(options);
  const submissions = await latestSubmissionTimes(db);
  const [checks, answers] = await Promise.all([checksWithValidity(db), answersToServedChecks(db)]);
  const gold = goldAgreement(project.kind, checks, answers, { ...options, bootstrap: false });
  return withGoldDrift(teamDrift(agreement.perSample, submissions), new Map(gold.map((labeler) => [labeler.labelerId, goldScoreSeries(labeler)])));
}

/** Each labeler's samples submitted per day and week, and their time per sample (median, p90, the slowest samples). */
export async function teamThroughput(ctx: ServiceContext): Promise<LabelerThroughput[]> {
  return throughput(await submittedWork(requireProject(ctx).connection.db));
}
