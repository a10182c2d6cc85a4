import type { AgreementDashboard, AgreementOptions } from '../../shared/agreement';
import { operations, type ValidatedArg } from '../../shared/api/contract';
import { requireProject, type ServiceContext } from './hosting/context';

/**
 * The project's inter-labeler agreement (the human-level baseline), kept current as labelers
 * submit (see `AgreementTracker`). Labelers work blind, so only SMEs and engineers see it. The
 * answer has no row per sample: the score histogram and the worst samples stand for them.
 */
export async function agreementProject(ctx: ServiceContext, arg: ValidatedArg<'agreement.project'>): Promise<AgreementDashboard> {
  const project = requireProject(ctx);
  return project.agreement.dashboard(dashboardOptions(arg));
}

/** The options a dashboard request's argument asks the ledger for. */
function dashboardOptions(arg: ValidatedArg<'agreement.project'>): AgreementOptions {
  return { iouThreshold: arg.iouThreshold, normalize: arg.normalize };
}

/** What the Agreement area asks for when nobody changed its options: the ledger a project's first request most often measures. */
export const DEFAULT_DASHBOARD_OPTIONS = dashboardOptions(operations['agreement.project'].arg.parse({}));
