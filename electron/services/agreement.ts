import type { AgreementDashboard } from '../../shared/agreement';
import type { ValidatedArg } from '../../shared/api/contract';
import { requireProject, type ServiceContext } from './hosting/context';

/**
 * The project's inter-labeler agreement (the human-level baseline), kept current as labelers
 * submit (see `AgreementTracker`). Labelers work blind, so only SMEs and engineers see it. The
 * answer has no row per sample: the score histogram and the worst samples stand for them.
 */
export async function agreementProject(ctx: ServiceContext, arg: ValidatedArg<'agreement.project'>): Promise<AgreementDashboard> {
  const project = requireProject(ctx);
  return project.agreement.dashboard({ iouThreshold: arg.iouThreshold, normalize: arg.normalize });
}
