import { join } from 'node:path';
import { appRootFrom, defaultDataDir } from '../app-paths';
import { listCatalogueProjects, type Catalogue, type CatalogueProject } from '../db/server-catalogue';
import { shownAddress } from '../db/team-database';
import type { HostOptions, ServiceHost } from '../services/hosting/host';
import { createServiceHost } from '../services/hosting/service-host';
import { openTeamServer, projectUrl, requireTeamProject } from '../services/team/server-projects';
import { call } from './commands';
import { CliError, cliErrors } from './exit-codes';

/** What every host a CLI command makes for a team server shares: this install's settings and resources. */
export function teamHostOptions(): Omit<HostOptions, 'teamDatabase' | 'hostKind'> {
  return { dataDir: defaultDataDir(), resourcesDir: join(appRootFrom(import.meta.url), 'resources') };
}

/**
 * A CLI host on one project's PostgreSQL database, for the commands that work on a team server's
 * project from its machine (`users`, `import --database`). Whoever can reach the database acts
 * as the project's owner: that access is the authority, since it could change the tables
 * directly. Close it when done.
 */
export function teamHost(projectDatabaseUrl: string): ServiceHost {
  return createServiceHost({ ...teamHostOptions(), hostKind: 'cli', teamDatabase: projectDatabaseUrl });
}

/** Opens the server's catalogue for a command; `--database` is required. Close it when done. */
export async function teamServer(database: string | undefined, usage: string): Promise<Catalogue> {
  if (!database) throw new CliError(`--database postgres://USER@HOST:PORT/DB is required.\n${usage}`);
  return cliErrors(() => openTeamServer(database));
}

/**
 * Runs `work` on the server's catalogue (`--database` required), closed afterwards whatever happens.
 * @example await onTeamServer(values.database, USAGE, async (catalogue) => io.out((await listAccounts(catalogue)).length + ' accounts'));
 */
export async function onTeamServer<T>(database: string | undefined, usage: string, work: (catalogue: Catalogue) => Promise<T>): Promise<T> {
  const catalogue = await teamServer(database, usage);
  try {
    return await work(catalogue);
  } finally {
    await catalogue.close();
  }
}

/**
 * Runs `work` on a CLI host with one team project's database open (`dir` its media folder, or
 * any folder for commands that touch no media or caches), closed afterwards whatever happens.
 */
export async function onTeamProject(projectDatabaseUrl: string, dir: string, work: (host: ServiceHost) => Promise<void>): Promise<void> {
  const host = teamHost(projectDatabaseUrl);
  try {
    await call(host, 'projects.open', { dir });
    await work(host);
  } finally {
    await host.close();
  }
}

/**
 * The project a command names with `--project SLUG`, or, without it, the server's only
 * project: a one-project server needs no name.
 */
export async function namedProject(catalogue: Catalogue, slug: string | undefined): Promise<CatalogueProject & { url: string }> {
  if (slug !== undefined) {
    const project = await cliErrors(() => requireTeamProject(catalogue, slug));
    return { ...project, url: projectUrl(catalogue, project) };
  }
  const projects = await listCatalogueProjects(catalogue);
  if (projects.length === 0) {
    throw new CliError(
      `${shownAddress(catalogue.url)} holds no project yet. Create it first: concord projects create --database URL --media-root DIR --kind bbox|transcript --name NAME`,
    );
  }
  if (projects.length > 1)
    throw new CliError(`The server holds ${projects.length} projects (${projects.map((p) => p.slug).join(', ')}): name one with --project SLUG.`);
  return { ...projects[0]!, url: projectUrl(catalogue, projects[0]!) };
}
