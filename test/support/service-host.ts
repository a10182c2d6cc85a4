import { resolve } from 'node:path';
import { afterEach } from 'vitest';
import type { OperationArg, OperationName, OperationResult } from '../../shared/api/contract';
import type { CallResult } from '../../shared/api/errors';
import type { ImportReport } from '../../shared/api/imports';
import type { HostKind, ServiceHost } from '../../electron/services/host';
import { createServiceHost } from '../../electron/services/service-host';
import { REPO_ROOT } from './paths';

export { REPO_ROOT } from './paths';

export interface TestHost extends ServiceHost {
  /** Calls an operation and returns its value, failing the test with the host's message otherwise. */
  ok<N extends OperationName>(name: N, arg: OperationArg<N>): Promise<OperationResult<N>>;
  /** Calls an operation that must fail, returning the error it failed with. */
  fails(name: string, arg: unknown): Promise<Extract<CallResult<unknown>, { ok: false }>['error']>;
}

/**
 * A service host as the web server and Electron build it (or as the CLI does, with
 * `hostKind: 'cli'`), closed after each test.
 */
export function useServiceHost(): (dataDir: string, hostKind?: HostKind) => TestHost {
  const hosts: ServiceHost[] = [];
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.close();
  });
  return (dataDir, hostKind = 'web') => {
    const host = createServiceHost({ hostKind, dataDir, resourcesDir: resolve(REPO_ROOT, 'resources') });
    hosts.push(host);
    return Object.assign(host, {
      async ok<N extends OperationName>(name: N, arg: OperationArg<N>) {
        const result = await host.call(name, arg);
        if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
        return result.value as OperationResult<N>;
      },
      async fails(name: string, arg: unknown) {
        const result = await host.call(name, arg);
        if (result.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(result.value)}`);
        return result.error;
      },
    });
  };
}

/** Imports a folder or manifest and waits for the import to finish, returning its report. */
export async function importAndWait(host: TestHost, source: string, copyMedia = false): Promise<ImportReport> {
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
  await host.ok('session.signIn', { labelerId: labelers.get(name)! });
  return labelers;
}
