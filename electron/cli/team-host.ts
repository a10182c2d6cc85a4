import { join } from 'node:path';
import { appRootFrom, defaultDataDir } from '../app-paths';
import type { ServiceHost } from '../services/hosting/host';
import { createServiceHost } from '../services/hosting/service-host';
import { CliError } from './exit-codes';

/**
 * A CLI host on a team's PostgreSQL database, for the commands that work on a team server's
 * project from its machine (`users`, `projects create`, `import --database`). Whoever can
 * reach the database acts as the project's owner: that access is the authority, since it
 * could change the tables directly. Close it when done.
 */
export function teamHost(database: string | undefined, usage: string): ServiceHost {
  if (!database) throw new CliError(`--database postgres://USER@HOST:PORT/DB is required.\n${usage}`);
  return createServiceHost({
    hostKind: 'cli',
    dataDir: defaultDataDir(),
    resourcesDir: join(appRootFrom(import.meta.url), 'resources'),
    teamDatabase: database,
  });
}
