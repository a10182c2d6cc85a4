import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where a throwaway cluster listens; every test file makes its own databases in it. */
export interface ClusterAddress {
  host: string;
  port: number;
  user: string;
}

export interface RunningCluster {
  address: ClusterAddress;
  stop(): void;
}

const SUPERUSER = 'concord';

/**
 * Makes an empty database `name` in a running cluster (as `createdb` would) and gives its
 * address, for a team server or a benchmark that owns the whole cluster.
 * @example const database = await createDatabase(cluster.address, 'labels'); // postgres://concord@127.0.0.1:PORT/labels
 */
export async function createDatabase(address: ClusterAddress, name: string): Promise<string> {
  const admin = new pg.Client({ host: address.host, port: address.port, user: address.user, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return `postgres://${address.user}@${address.host}:${address.port}/${name}`;
}

/**
 * Starts a PostgreSQL cluster for one test run: a fresh temporary folder, a free port on
 * 127.0.0.1, trust authentication, no fsync (nothing in it needs to survive a crash).
 * `initdb` and `postgres` refuse to run as root, so as root the folder is given to the
 * `postgres` user and the commands run as that user; anyone else runs them directly.
 *
 * @example
 *   const cluster = await startCluster();
 *   try { ... connect to cluster.address ... } finally { cluster.stop(); }
 */
export async function startCluster(): Promise<RunningCluster> {
  const bin = postgresBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'concord-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [command, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    execFileSync(command, fullArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const data = join(dir, 'data');
  const stop = () => {
    try {
      if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    // No locale: text sorts by bytes, as it does in SQLite.
    run('initdb', ['-D', data, '-A', 'trust', '-U', SUPERUSER, '-E', 'UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
    return { address: { host: '127.0.0.1', port, user: SUPERUSER }, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** Debian installs each major version under /usr/lib/postgresql/<major>/bin; the newest wins. */
function postgresBinaries(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (majors.length === 0) throw new Error(`PostgreSQL is not installed (no ${root}/<version>/bin/initdb); install the Debian package "postgresql".`);
  return join(root, majors[0]!, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
