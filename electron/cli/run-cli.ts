import { join } from 'node:path';
import { appVersion } from '../app-version';
import { appRootFrom, defaultDataDir } from '../app-paths';
import type { ServiceHost } from '../services/hosting/host';
import { USAGE, importMedia, info, init, type CliIo } from './commands';
import { CliError, EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USER_ERROR } from './exit-codes';

type Command = (host: ServiceHost, args: string[], io: CliIo) => Promise<void>;

/**
 * Each command's modules (and the back end) load only when it runs: `concord --help` or a
 * metric on a small file should not wait for the database driver, the services and the workers.
 * (`./commands` holds the usage and the small project commands, and imports no back end.)
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  init: async () => init,
  import: async () => importMedia,
  info: async () => info,
  agreement: async () => (await import('./agreement-command')).agreement,
  export: async () => (await import('./dataset-commands')).exportDataset,
  datasets: async () => (await import('./dataset-commands')).listDatasets,
  labels: async () => (await import('./dataset-commands')).labels,
  'restore-backup': async () => (await import('./restore-backup-command')).restoreBackup,
  users: async () => (await import('./users-command')).users,
  serve: async () => (await import('./serve-command')).serve,
  projects: async () => (await import('./team-project-commands')).projects,
  push: async () => (await import('./push-command')).push,
  backup: async () => (await import('./backup-commands')).backup,
  restore: async () => (await import('./backup-commands')).restore,
  prelabels: async () => (await import('./prelabel-commands')).prelabels,
};

/** Runs one CLI invocation and returns its exit code (tests call this directly). */
export async function runCli(argv: string[], io: CliIo, dataDir = defaultDataDir()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? EXIT_OK : EXIT_USER_ERROR;
  }
  if (command === 'metrics') return runMetricsCommand(rest, io);
  if (command === 'api-schema') {
    const { openApiDocument } = await import('../../shared/api/openapi');
    io.out(JSON.stringify(openApiDocument(appVersion), null, 2));
    return EXIT_OK;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    io.err(`concord: unknown command "${command}"\n\n${USAGE}`);
    return EXIT_USER_ERROR;
  }
  const [run, { createServiceHost }] = await Promise.all([load(), import('../services/hosting/service-host')]);
  const host = createServiceHost({ hostKind: 'cli', dataDir, resourcesDir: join(appRootFrom(import.meta.url), 'resources') });
  try {
    await run(host, rest, io);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`concord ${command}: ${error.message}`);
      return error.exitCode;
    }
    // parseArgs reports unknown or malformed options with a TypeError and an ERR_PARSE_ARGS code.
    if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`concord ${command}: ${(error as Error).message}`);
      return EXIT_USER_ERROR;
    }
    io.err(`concord ${command}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT_INTERNAL_ERROR;
  } finally {
    await host.close();
  }
}

/** Metrics need no project and no back end: pure functions over the given data. */
async function runMetricsCommand(args: string[], io: CliIo): Promise<number> {
  const { METRICS_USAGE, runMetric } = await import('./metrics-command');
  if (args.includes('--help') || args.includes('-h')) {
    io.out(METRICS_USAGE);
    return EXIT_OK;
  }
  try {
    io.out(JSON.stringify(await runMetric(args, io.readStdin), null, 2));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CliError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`concord metrics: ${(error as Error).message}`);
      return EXIT_USER_ERROR;
    }
    io.err(`concord metrics: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT_INTERNAL_ERROR;
  }
}
