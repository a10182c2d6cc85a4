import type { AgreementOptions, ProjectAgreement } from '../../shared/agreement';
import type { ValidatedArg } from '../../shared/api/contract';
import { submittedForAgreement } from '../db/queries/agreement-inputs';
import type { AgreementJob } from '../workers/agreement.worker';
import { runWorkerOnce } from '../workers/run-once';
import { requireCoordinator, requireProject, type ServiceContext } from './context';

/**
 * The project's inter-labeler agreement (the human-level baseline) from every submitted
 * annotation, computed in a worker. Labelers work blind, so only SMEs and engineers see it.
 */
export async function agreementProject(ctx: ServiceContext, arg: ValidatedArg<'agreement.project'>): Promise<ProjectAgreement> {
  const project = requireProject(ctx);
  requireCoordinator(ctx);
  const annotations = await submittedForAgreement(project.connection.db);
  const options: AgreementOptions = { iouThreshold: arg.iouThreshold, normalize: arg.normalize };
  return runWorkerOnce<AgreementJob, ProjectAgreement>('agreement', { annotations, kind: project.kind, options });
}
