import { ApiError } from '../../../shared/api/errors';
import type { Labeler } from '../../../shared/domain/labeler';
import type { ProjectKind } from '../../../shared/domain/project';
import type { ProjectDatabase } from '../../db/project-database';
import type { AgreementTracker } from '../agreement-tracker';
import type { ProjectSessions } from '../auth/sessions';
import type { KeptQueueCatchUp } from '../kept-queue-catch-up';
import type { AppSettings } from '../app-settings';
import type { EventBus } from './events';
import type { EventStreams } from './event-streams';
import type { Credentials, HostOptions } from './host';
import type { ImportJobs } from '../imports/import-jobs';
import type { ProjectPaths } from '../project-folder';
import type { ProjectLock } from '../project-lock';

export interface OpenProject {
  paths: ProjectPaths;
  name: string;
  kind: ProjectKind;
  demo: boolean;
  connection: ProjectDatabase;
  agreement: AgreementTracker;
  /** Keeps the Review queue kept in the database current; null read-only (nothing may be written to keep it). */
  keptQueue: KeptQueueCatchUp | null;
  /** Opened read-only (another app has it open, or the user asked): every write is refused. */
  readOnly: boolean;
  /** This host's claim on the project, released when it closes; null for the CLI, read-only views and team servers. */
  lock: ProjectLock | null;
  /** Signs media tickets: the database's own key, so every server process on it accepts a ticket any of them issued. */
  ticketKey: Buffer;
  /** Who is signed in: sessions are started, resumed and ended here. */
  sessions: ProjectSessions;
}

/** What a host holds for all its callers: settings, events, jobs and the open project. */
export interface HostState {
  readonly options: HostOptions;
  readonly settings: AppSettings;
  readonly events: EventBus;
  /** The event streams open to browsers: a service that ends sessions or changes roles has them check again. */
  readonly streams: EventStreams;
  readonly imports: ImportJobs;
  readonly now: () => number;
  project: OpenProject | null;
}

/** Everything a service handler may use: the host's state, and who is calling. */
export interface ServiceContext extends HostState {
  readonly credentials: Credentials;
  /** The signed-in account making this call; null before sign-in. */
  readonly caller: Labeler | null;
  /** The public id of the caller's session (null for the CLI and before sign-in). */
  readonly sessionId: string | null;
}

/**
 * One call's context. The project is read and written through to the host, so opening a
 * project in one call is seen by every later call; the caller belongs to this call alone.
 */
export function callContext(host: HostState, credentials: Credentials, caller: Labeler | null, sessionId: string | null): ServiceContext {
  return {
    options: host.options,
    settings: host.settings,
    events: host.events,
    streams: host.streams,
    imports: host.imports,
    now: host.now,
    get project() {
      return host.project;
    },
    set project(project) {
      host.project = project;
    },
    credentials,
    caller,
    sessionId,
  };
}

export function requireProject(ctx: ServiceContext): OpenProject {
  if (!ctx.project) throw new ApiError('failed_precondition', 'No project is open. Open or create a project first.');
  return ctx.project;
}

export function requireCaller(ctx: ServiceContext): Labeler {
  if (!ctx.caller) throw new ApiError('unauthenticated', 'Sign in first.');
  return ctx.caller;
}

/**
 * Labelers work blind: one may read only their own queue and annotations, so no label of
 * another can sway theirs. SMEs, engineers and admins, who review and export, may read everyone's.
 */
export function requireMayRead(ctx: ServiceContext, labelerId: number): void {
  const caller = requireCaller(ctx);
  if (caller.role === 'labeler' && caller.id !== labelerId) {
    throw new ApiError('forbidden', "Labelers work blind: another labeler's work is not shown until review.");
  }
}

/** Work is saved only under the name of the person doing it. */
export function requireIsCaller(ctx: ServiceContext, labelerId: number): void {
  if (requireCaller(ctx).id !== labelerId) throw new ApiError('forbidden', 'Annotations can only be saved by the person signed in.');
}
