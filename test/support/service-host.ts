import { resolve } from 'node:path';
import { afterEach } from 'vitest';
import type { OperationArg, OperationName, OperationResult } from '../../shared/api/contract';
import type { CallResult } from '../../shared/api/errors';
import type { ImportReport } from '../../shared/api/imports';
import type { Credentials, HostOptions, MediaFile, ServiceHost } from '../../electron/services/hosting/host';
import type { MediaAddress } from '../../shared/api/media-url';
import type { SignedIn } from '../../shared/domain/session';
import { createServiceHost } from '../../electron/services/hosting/service-host';
import { openConnection } from '../../electron/db/connection';
import { openPostgresConnection } from '../../electron/db/postgres-connection';
import type { ProjectDatabase } from '../../electron/db/project-database';
import { projectPaths } from '../../electron/services/project-folder';
import type { EngineName } from './engines';
import { REPO_ROOT } from './paths';
import { usePostgresUrls } from './postgres';

export { REPO_ROOT } from './paths';

/** The password test accounts are made with (`host.signInAs` uses it). */
export const TEST_PASSWORD = 'correct horse battery';

export interface TestHost extends Omit<ServiceHost, 'call' | 'resolveMedia'> {
  /** Calls an operation as this connection. */
  call(name: string, arg: unknown): Promise<CallResult<unknown>>;
  /** A media file as this connection's session may fetch it (its own media ticket, unless another is given). */
  resolveMedia(address: MediaAddress, ticket?: string | null): Promise<MediaFile | null>;
  /** Calls an operation and returns its value, failing the test with the host's message otherwise. */
  ok<N extends OperationName>(name: N, arg: OperationArg<N>): Promise<OperationResult<N>>;
  /** Calls an operation that must fail, returning the error it failed with. */
  fails(name: string, arg: unknown): Promise<Extract<CallResult<unknown>, { ok: false }>['error']>;
  /** Signs this connection in as an account made through it (by its password) or a demo person. */
  signInAs(labelerId: number): Promise<void>;
  /** Another window or tab on the same host, with its own session (and, unless said, not the owner). */
  connection(credentials?: Partial<Credentials>): TestHost;
  /** This connection's credentials as its transport would send them. */
  readonly credentials: Credentials;
  /** A connection of the test's own to the database of the project in `projectDir` (its file, or the host's team database); close it. */
  openDatabase(projectDir: string): Promise<ProjectDatabase>;
  /** Where the host keeps its projects' records: a project folder's SQLite file, or a team server's PostgreSQL. */
  readonly engine: EngineName;
}

/**
 * A service host as the web server and Electron build it (or as the CLI does, with
 * `hostKind: 'cli'`), closed after each test. Its calls
 * come from one connection, like one window of the app: the person who started it (the
 * owner), who continues as the project's owner account whenever a project opens, as the
 * app's window does.
 *
 * On `'postgres'` each host is a team server with a new database of its own in the run's
 * cluster (unless `teamDatabase` is given, to share one): projects it creates or opens keep
 * their records there, and their folders hold media and caches only.
 *
 * @example
 *   const newHost = useServiceHost('postgres');
 *   const host = newHost(tempDir());
 *   await host.ok('projects.create', { dir: join(tempDir(), 'p'), ... });
 */
export function useServiceHost(engine: EngineName = 'sqlite'): (dataDir: string, options?: Partial<HostOptions>) => TestHost {
  const hosts: ServiceHost[] = [];
  const reserveDatabase = engine === 'postgres' ? usePostgresUrls() : null;
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close();
  });
  return (dataDir, options) => {
    const reserved = reserveDatabase && !options?.teamDatabase ? reserveDatabase() : null;
    const created = createServiceHost({
      hostKind: 'web',
      dataDir,
      resourcesDir: resolve(REPO_ROOT, 'resources'),
      ...(reserved ? { teamDatabase: reserved.url } : {}),
      ...options,
    });
    // Every call waits for the host's database to exist (it is made while the test sets up).
    const ready = reserved?.ready ?? Promise.resolve();
    const host: ServiceHost = { ...created, call: (name, arg, credentials) => ready.then(() => created.call(name, arg, credentials)) };
    hosts.push(host);
    const teamDatabase = options?.teamDatabase ?? reserved?.url ?? null;
    const hostEngine: EngineName = teamDatabase === null ? 'sqlite' : 'postgres';
    const openDatabase = async (projectDir: string): Promise<ProjectDatabase> =>
      teamDatabase === null ? openConnection(projectPaths(projectDir).database) : openPostgresConnection({ connectionString: teamDatabase });
    const passwords = new Map<number, { name: string; password: string }>();
    const connect = (credentials: Credentials): TestHost => {
      let ticket: string | null = null;
      const signedIn = (session: SignedIn | null) => {
        credentials.session = session?.token ?? null;
        ticket = session?.mediaTicket ?? null;
      };
      const call = async (name: string, arg: unknown) => {
        const result = await host.call(name, arg, credentials);
        if (!result.ok) return result;
        if (name === 'session.signIn') signedIn(result.value as SignedIn);
        if (name === 'session.signOut') signedIn(null);
        const created = arg as { password?: string; name?: string };
        if (name === 'labelers.create' && created.password)
          passwords.set((result.value as { id: number }).id, { name: created.name!, password: created.password });
        if (credentials.owner && (name === 'projects.create' || name === 'projects.open' || name === 'projects.openDemo')) {
          const owner = await host.call('session.signIn', { method: 'owner' }, credentials);
          if (!owner.ok) throw new Error(`signing in as the owner failed: ${owner.error.message}`);
          signedIn(owner.value as SignedIn);
        }
        return result;
      };
      const connection: TestHost = Object.assign(Object.create(host) as Omit<ServiceHost, 'call' | 'resolveMedia'>, {
        credentials,
        openDatabase,
        engine: hostEngine,
        call: (name: string, arg: unknown) => call(name, arg),
        resolveMedia: (address: MediaAddress, given?: string | null) => host.resolveMedia(address, given ?? ticket),
        async ok<N extends OperationName>(name: N, arg: OperationArg<N>) {
          const result = await call(name, arg);
          if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
          return result.value as OperationResult<N>;
        },
        async fails(name: string, arg: unknown) {
          const result = await call(name, arg);
          if (result.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(result.value)}`);
          return result.error;
        },
        async signInAs(labelerId: number) {
          const known = passwords.get(labelerId);
          await connection.ok('session.signIn', known ? { method: 'password', ...known } : { method: 'demo', labelerId });
        },
        connection: (more: Partial<Credentials> = {}) => connect({ transport: 'http', owner: false, session: null, address: '127.0.0.1', ...more }),
      });
      return connection;
    };
    return connect({ transport: 'http', owner: true, session: null, address: '127.0.0.1' });
  };
}

/**
 * Imports a folder or manifest and waits for the import to finish, returning its report. The
 * media are referenced where they are, except on a team server, which serves none from outside
 * its media root: there they are copied in unless the test says otherwise.
 */
export async function importAndWait(host: TestHost, source: string, copyMedia = host.engine === 'postgres'): Promise<ImportReport> {
  const { jobId } = await host.ok('imports.start', { source, copyMedia });
  for (;;) {
    const report = await host.ok('imports.get', { jobId });
    if (report.finishedAt !== null) return report;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Opens a demo project and signs in as one of its people; returns every labeler's id by name. */
export async function openDemoAs(host: TestHost, kind: 'bbox' | 'transcript', name: string): Promise<Map<string, number>> {
  await host.ok('projects.openDemo', { kind });
  const labelers = new Map((await host.ok('labelers.list', {})).map((l) => [l.name, l.id]));
  await host.signInAs(labelers.get(name)!);
  return labelers;
}
