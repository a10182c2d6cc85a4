import { afterEach } from 'vitest';
import type { ServiceHost } from '../../../electron/services/hosting/host';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { mediaPath } from '../../../shared/api/media-url';
import { describeCraftedProjectMedia } from '../../support/crafted-media-suite';
import { useTempDirs } from '../../support/temp-dir';
import { rendererStandIn } from '../../support/web-host';

const tempDir = useTempDirs();
const servers: WebServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A project folder is input from elsewhere: what its database says must not widen what the web host serves. */
describeCraftedProjectMedia('the web host serves media from a crafted project', async (host) => {
  const server = await startWebServer({ host: host as unknown as ServiceHost, rendererDir: rendererStandIn(tempDir()) });
  servers.push(server);
  const { mediaTicket } = (await host.ok('session.current', {}))!;
  return (sample) => fetch(`http://127.0.0.1:${server.port}/media/${mediaPath(sample, 'original')}?ticket=${encodeURIComponent(mediaTicket)}`);
});
