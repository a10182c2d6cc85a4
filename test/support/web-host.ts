// The web host in process for HTTP tests: a service host behind the web server, with a stand-in
// for the built renderer, closed after each test.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import type { ServiceHost } from '../../electron/services/hosting/host';
import { createServiceHost } from '../../electron/services/hosting/service-host';
import { startWebServer, type WebServer } from '../../electron/web/server';
import { REPO_ROOT } from './paths';

/** Makes `dir` stand in for the built renderer: an index.html the web host serves as the app's page. */
export function rendererStandIn(dir: string): string {
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Concord</title>');
  return dir;
}

/**
 * Starts web hosts as `npm run web` runs one (a web service host with its own settings folder,
 * behind the web server with an owner key), each closed after the test that started it.
 * Call inside a describe block.
 * @example
 *   const startWebHost = useWebHosts(tempDir);
 *   const { server } = await startWebHost();
 *   await fetch(`http://127.0.0.1:${server.port}/`);
 */
export function useWebHosts(tempDir: () => string): () => Promise<{ host: ServiceHost; server: WebServer }> {
  const servers: WebServer[] = [];
  const hosts: ServiceHost[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    for (const host of hosts.splice(0)) await host.close();
  });
  return async () => {
    const host = createServiceHost({ hostKind: 'web', dataDir: tempDir(), resourcesDir: resolve(REPO_ROOT, 'resources') });
    hosts.push(host);
    const server = await startWebServer({ host, rendererDir: rendererStandIn(tempDir()) });
    servers.push(server);
    return { host, server };
  };
}
