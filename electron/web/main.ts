import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appRootFrom, defaultDataDir } from '../app-paths';
import { createServiceHost } from '../services/hosting/service-host';
import { startWebServer } from './server';

/** `npm run web`: the whole app in a browser, served on 127.0.0.1 only. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}`);
  const root = appRootFrom(import.meta.url);
  const host = createServiceHost({
    hostKind: 'web',
    dataDir: values['data-dir'] ?? defaultDataDir(),
    resourcesDir: join(root, 'resources'),
    startAgreementWorkerOnOpen: true,
  });
  await host.openInitialProject();
  const server = await startWebServer({ host, rendererDir: join(root, 'out', 'renderer'), listen: { hostname: '127.0.0.1', port } });
  console.log(`Concord is running at ${server.url}`);
  console.log("Open that address in a browser: it carries this run's key, so whoever opens it continues as you. Press Ctrl+C to stop.");

  const stop = async () => {
    await server.close();
    await host.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`concord web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
