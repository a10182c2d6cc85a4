import { join } from 'node:path';
import { openApiDocument } from '../../shared/api/openapi';
import { appVersion } from '../app-version';
import { appRootFrom, defaultDataDir } from '../app-paths';
import { createServiceHost } from '../services/hosting/service-host';
import { agreement } from './agreement-command';
import { USAGE, importMedia, info, init, type CliIo } from './commands';
import { exportDataset, labels, listDatasets } from './dataset-commands';
import { CliError, EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USER_ERROR } from './exit-codes';
import { METRICS_USAGE, runMetric } from './metrics-command';
import { restoreBackup } from './restore-backup-command';
import { users } from './users-command';

const COMMANDS = {
  init,
  import: importMedia,
  info,
  agreement,
  export: exportDataset,
  datasets: listDatasets,
  labels,
  'restore-backup': restoreBackup,
  users,
} as const;

/** Runs one CLI invocation and returns its exit code (tests call this directly). */
export async function runCli(argv: string[], io: CliIo, dataDir = defaultDataDir()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? EXIT_OK : EXIT_USER_ERROR;
  }
  if (command === 'metrics') return runMetricsCommand(rest, io);
  if (command === 'api-schema') {
    io.out(JSON.stringify(openApiDocument(appVersion), null, 2));
    return EXIT_OK;
  }
  const run = COMMANDS[command as keyof typeof COMMANDS];
  if (!run) {
    io.err(`concord: unknown command "${command}"\n\n${USAGE}`);
    return EXIT_USER_ERROR;
  }
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
