import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { appRootFrom, defaultDataDir } from '../app-paths';
import { shownAddress } from '../db/team-database';
import type { HostOptions, ServiceHost } from '../services/hosting/host';
import { createServiceHost } from '../services/hosting/service-host';
import { listCatalogueProjects } from '../db/server-catalogue';
import { startWebServer, type WebServer, type WebServerOptions } from '../web/server';
import { teamProjectRouter, type ProjectRouter } from '../web/team-projects';
import { call, type CliIo } from './commands';
import { CliError } from './exit-codes';
import { parseListen, parsePublicUrl, readTlsFiles } from './serve-options';
import { teamServer } from './team-host';

export const SERVE_USAGE = `concord serve --database postgres://USER@HOST:PORT/DB --media-root DIR [--listen HOST:PORT]
              [--public-url URL] [--trust-proxy] [--tls-cert FILE --tls-key FILE]
concord serve --project DIR [--listen HOST:PORT] [same options]`;

/**
 * `concord serve`: the API and the UI for browsers. With `--database`, a team's project kept
 * in PostgreSQL, whose media live under `--media-root`: there is no owner key, everyone signs
 * in with an account made by `concord users add`. With `--project`, a local project folder, as
 * `npm run web` serves it (its address carries the owner key). Runs until SIGINT or SIGTERM.
 */
export async function serve(_cliHost: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      database: { type: 'string' },
      'media-root': { type: 'string' },
      project: { type: 'string' },
      listen: { type: 'string', default: '127.0.0.1:8080' },
      'public-url': { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new CliError(`serve takes no arguments besides its options (got "${positionals[0]}").\n${SERVE_USAGE}`);
  const team = values.database;
  if (team !== undefined && values.project !== undefined)
    throw new CliError(`Give --database (a team server) or --project (a local folder), not both.\n${SERVE_USAGE}`);
  if (team !== undefined && values['media-root'] === undefined)
    throw new CliError(`A team server needs --media-root DIR, the folder its media live in.\n${SERVE_USAGE}`);
  if (team === undefined && values.project === undefined)
    throw new CliError(`Give --database URL --media-root DIR (a team server) or --project DIR.\n${SERVE_USAGE}`);
  const dir = resolve(team !== undefined ? values['media-root']! : values.project!);
  if (team !== undefined && !existsSync(dir)) throw new CliError(`The media root ${dir} does not exist. Create it (or import into it first).`);
  const listen = parseListen(values.listen);
  const publicUrl = values['public-url'] === undefined ? undefined : parsePublicUrl(values['public-url']);
  const tls = await readTlsFiles(values['tls-cert'], values['tls-key']);
  const appRoot = appRootFrom(import.meta.url);
  const rendererDir = join(appRoot, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new CliError('The UI is not built (there is no out/renderer/index.html). Run `npm run build` first.');

  const hostOptions = { dataDir: defaultDataDir(), resourcesDir: join(appRoot, 'resources'), startAgreementWorkerOnOpen: true };
  const serverOptions = {
    rendererDir,
    listen,
    ...(publicUrl ? { publicUrl } : {}),
    trustProxy: values['trust-proxy'],
    ...(tls ? { tls } : {}),
  };
  const listenFailed = (error: NodeJS.ErrnoException) => {
    const why = error.code === 'EADDRINUSE' ? 'the address is in use' : error.code === 'EACCES' ? 'permission denied' : error.message;
    throw new CliError(`Cannot listen on ${values.listen}: ${why}.`);
  };
  if (team !== undefined) return serveTeam(team, dir, hostOptions, serverOptions, listenFailed, publicUrl, io);

  const host = createServiceHost({ ...hostOptions, hostKind: 'web' });
  let server: WebServer | undefined;
  try {
    const project = await call(host, 'projects.open', { dir });
    server = await startWebServer({ host, ...serverOptions }).catch(listenFailed);
    io.out(`Concord is serving "${project.name}" (${project.dir}).`);
    io.out(`Concord is running at ${server.url}`);
    if (publicUrl) io.out(`People reach it at ${publicUrl.origin}/ (through the reverse proxy).`);
    io.out("That address carries this run's owner key. Press Ctrl+C to stop.");
    await untilStopped();
  } finally {
    await server?.close();
    await host.close();
  }
}

/**
 * A team server: every project of its catalogue, each under `/p/<slug>/` with a host of its
 * own; the server's address lists a signed-in person's projects (or opens the only one).
 */
async function serveTeam(
  url: string,
  mediaRoot: string,
  hostOptions: Pick<HostOptions, 'dataDir' | 'resourcesDir' | 'startAgreementWorkerOnOpen'>,
  serverOptions: Omit<WebServerOptions, 'host'>,
  listenFailed: (error: NodeJS.ErrnoException) => never,
  publicUrl: URL | undefined,
  io: CliIo,
): Promise<void> {
  const catalogue = await teamServer(url, SERVE_USAGE);
  let router: ProjectRouter | undefined;
  let server: WebServer | undefined;
  try {
    const projects = await listCatalogueProjects(catalogue);
    if (projects.length === 0) {
      throw new CliError(
        `${shownAddress(url)} holds no project yet. Create it first: concord projects create --database URL --media-root DIR --kind bbox|transcript --name NAME`,
      );
    }
    router = teamProjectRouter(catalogue, mediaRoot, hostOptions);
    // Each project is opened now, so a broken one is named at start rather than at someone's first request.
    for (const project of projects) await router.host(project.slug);
    server = await startWebServer({ host: await router.rootHost(), projects: router, ownerKey: null, ...serverOptions }).catch(listenFailed);
    const names = projects.map((p) => `"${p.name}" (/p/${p.slug}/)`).join(', ');
    io.out(`Concord is serving ${projects.length === 1 ? names : `${projects.length} projects: ${names}`} from team database ${shownAddress(url)}.`);
    io.out(`Concord is running at ${server.url}`);
    if (publicUrl) io.out(`People reach it at ${publicUrl.origin}/ (through the reverse proxy).`);
    io.out('People sign in with the accounts made by `concord users add`, and see the projects they are members of. Press Ctrl+C to stop.');
    await untilStopped();
  } finally {
    await server?.close();
    await router?.close();
    await catalogue.close();
  }
}

function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
