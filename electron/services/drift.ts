import type { ValidatedArg } from '../../shared/api/contract';
import { goldAgreement } from '../../shared/quality/gold-agreement';
import { chartPackedDrift, type LabelerDriftChart } from '../../shared/quality/drift-chart';
import { withPackedGoldDrift } from '../../shared/quality/gold-drift';
import { goldScoreSeries } from '../../shared/quality/gold-series';
import { throughput, type LabelerThroughput } from '../../shared/quality/throughput';
import { submittedWork } from '../db/queries/submitted-work';
import { answersToServedChecks, checksWithValidity } from './gold/live-checks';
import { requireProject, type ServiceContext } from './hosting/context';

/**
 * Each labeler's agreement with their peers and with gold over time, each with a band from their
 * own history and a flag when it fell below (see `detectDrift`), as the drift panel charts it
 * (`chartDrift`: a few hundred points per curve, whatever the project's size). Peer drift is
 * computed in the agreement worker from the pair scores its ledger keeps for the dashboard (one
 * computation for both; only the reports cross to this thread, their points as columns, never
 * an object per point); gold scores are `gold.report`'s
 * per-check scores (without its bootstrap, which drift does not read).
 */
export async function qualityDrift(ctx: ServiceContext, arg: ValidatedArg<'quality.drift'>): Promise<LabelerDriftChart[]> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const options = { iouThreshold: arg.iouThreshold, normalize: arg.normalize };
  const peers = await project.agreement.drift(options);
  const [checks, answers] = await Promise.all([checksWithValidity(db), answersToServedChecks(db)]);
  const gold = goldAgreement(project.kind, checks, answers, { ...options, bootstrap: false });
  return chartPackedDrift(withPackedGoldDrift(peers, new Map(gold.map((labeler) => [labeler.labelerId, goldScoreSeries(labeler)]))));
}

/** Each labeler's samples submitted per day and week, and their time per sample (median, p90, the slowest samples). */
export async function teamThroughput(ctx: ServiceContext): Promise<LabelerThroughput[]> {
  return throughput(await submittedWork(requireProject(ctx).connection.db));
}
