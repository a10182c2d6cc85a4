import { ApiError } from '../../shared/api/errors';
import type { ProjectKind } from '../../shared/domain/project';
import type { Connection } from '../db/connection';
import type { AppSettings } from './app-settings';
import type { EventBus } from './events';
import type { HostOptions } from './host';
import type { ImportJobs } from './imports/import-jobs';
import type { ProjectPaths } from './project-folder';

export interface OpenProject {
  paths: ProjectPaths;
  name: string;
  kind: ProjectKind;
  connection: Connection;
}

/** Everything a service handler may use; one per host, shared by all its callers. */
export interface ServiceContext {
  readonly options: HostOptions;
  readonly settings: AppSettings;
  readonly events: EventBus;
  readonly imports: ImportJobs;
  project: OpenProject | null;
}

export function requireProject(ctx: ServiceContext): OpenProject {
  if (!ctx.project) throw new ApiError('failed_precondition', 'No project is open. Open or create a project first.');
  return ctx.project;
}
