import type { ProjectAgreement } from '../../shared/agreement';
import type { ValidatedArg } from '../../shared/api/contract';
import { requireProject, type ServiceContext } from './hosting/context';

/**
 * The project's inter-labeler agreement (the human-level baseline), kept current as labelers
 * submit (see `AgreementTracker`). Labelers work blind, so only SMEs and engineers see it.
 */
export async function agreementProject(ctx: ServiceContext, arg: ValidatedArg<'agreement.project'>): Promise<ProjectAgreement> {
  const project = requireProject(ctx);
  return project.agreement.snapshot({ iouThreshold: arg.iouThreshold, normalize: arg.normalize });
}
