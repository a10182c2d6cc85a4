import { ApiError } from '../../shared/api/errors';
import type { Labeler } from '../../shared/domain/labeler';
import type { ProjectKind } from '../../shared/domain/project';
import type { Connection } from '../db/connection';
import type { AgreementTracker } from './agreement-tracker';
import type { AppSettings } from './app-settings';
import type { EventBus } from './events';
import type { HostOptions } from './host';
import type { ImportJobs } from './imports/import-jobs';
import type { ProjectPaths } from './project-folder';
import type { ProjectLock } from './project-lock';

export interface OpenProject {
  paths: ProjectPaths;
  name: string;
  kind: ProjectKind;
  connection: Connection;
  agreement: AgreementTracker;
  /** Opened read-only (another app has it open, or the user asked): every write is refused. */
  readOnly: boolean;
  /** This host's claim on the project, released when it closes; null for the CLI and read-only views. */
  lock: ProjectLock | null;
}

/** Everything a service handler may use; one per host, shared by all its callers. */
export interface ServiceContext {
  readonly options: HostOptions;
  readonly settings: AppSettings;
  readonly events: EventBus;
  readonly imports: ImportJobs;
  project: OpenProject | null;
  /** The labeler working in this app instance; cleared when the project changes. */
  caller: Labeler | null;
}

export function requireProject(ctx: ServiceContext): OpenProject {
  if (!ctx.project) throw new ApiError('failed_precondition', 'No project is open. Open or create a project first.');
  return ctx.project;
}

export function requireCaller(ctx: ServiceContext): Labeler {
  if (!ctx.caller) throw new ApiError('failed_precondition', 'Choose who you are (“Working as”) first.');
  return ctx.caller;
}

/**
 * Labelers work blind: one may read only their own queue and annotations, so no label of
 * another can sway theirs. SMEs and engineers, who review and export, may read everyone's.
 */
export function requireMayRead(ctx: ServiceContext, labelerId: number): void {
  const caller = requireCaller(ctx);
  if (caller.role === 'labeler' && caller.id !== labelerId) {
    throw new ApiError('forbidden', "Labelers work blind: another labeler's work is not shown until review.");
  }
}

/** Work is saved only under the name of the person doing it. */
export function requireIsCaller(ctx: ServiceContext, labelerId: number): void {
  if (requireCaller(ctx).id !== labelerId) throw new ApiError('forbidden', 'Annotations can only be saved by the labeler working in this app.');
}

/** Planning who labels what, and seeing everyone's agreement, is for SMEs and engineers. */
export function requireCoordinator(ctx: ServiceContext): void {
  // The CLI is an engineer's tool, run on the machine that holds the project.
  if (ctx.options.hostKind === 'cli') return;
  if (requireCaller(ctx).role === 'labeler') throw new ApiError('forbidden', 'Only SMEs and engineers plan or change assignments.');
}
