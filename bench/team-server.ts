// One team server process for the load benchmark: a service host on a team database, with
// the team's project open, behind the web server on a free port of 127.0.0.1. Prints one line,
// `listening PORT`, once it answers, and `cpu N ms`, its CPU time since then, when told to stop
// (SIGTERM). Stands in for `concord serve --database` until that exists.
//   tsx bench/team-server.ts --database postgres://... --data-dir DIR --project-dir DIR
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createServiceHost } from '../electron/services/hosting/service-host';
import { startWebServer } from '../electron/web/server';
import { REPO_ROOT } from '../test/support/paths';

const { values } = parseArgs({ options: { database: { type: 'string' }, 'data-dir': { type: 'string' }, 'project-dir': { type: 'string' } } });
const { database, 'data-dir': dataDir, 'project-dir': projectDir } = values;
if (!database || !dataDir || !projectDir) throw new Error('usage: team-server.ts --database URL --data-dir DIR --project-dir DIR');

const host = createServiceHost({ hostKind: 'web', dataDir, resourcesDir: join(REPO_ROOT, 'resources'), teamDatabase: database });
const opened = await host.call('projects.open', { dir: projectDir }, { transport: 'ipc', owner: true, session: null, address: null });
if (!opened.ok) throw new Error(`could not open the team project: ${opened.error.message}`);
const server = await startWebServer({ host, rendererDir: join(REPO_ROOT, 'out', 'renderer'), listen: { hostname: '127.0.0.1', port: 0 } });
console.log(`listening ${server.port}`);
const cpuAtListen = process.cpuUsage();

process.once('SIGTERM', () => {
  // What this process spent on the CPU, so the benchmark can say what a save costs on a machine others share.
  const { user, system } = process.cpuUsage(cpuAtListen);
  console.log(`cpu ${Math.round((user + system) / 1000)} ms`);
  void server
    .close()
    .then(() => host.close())
    .then(() => process.exit(0));
});
