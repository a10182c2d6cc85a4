import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/api/errors';
import { countOf } from '../../shared/text/plural';
import { defaultDataDir } from '../app-paths';
import { AppSettings } from '../services/app-settings';
import type { ServiceHost } from '../services/hosting/host';
import { pushProject } from '../services/team/push-project';
import type { CliIo } from './commands';
import { CliError, exitCodeFor } from './exit-codes';

export const PUSH_USAGE = 'concord push <project-folder> --database postgres://USER@HOST:PORT/DB [--media-root DIR]';

/**
 * `concord push`: moves a local project into a new, empty team database, its media into the
 * server's media root. The project folder is left as it was (it stays a working local copy).
 */
export async function push(_localHost: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { database: { type: 'string' }, 'media-root': { type: 'string' } },
  });
  const [projectDir] = positionals;
  if (!projectDir || positionals.length > 1) throw new CliError(`push takes one project folder.\n${PUSH_USAGE}`);
  if (!values.database) throw new CliError(`--database postgres://USER@HOST:PORT/DB is required.\n${PUSH_USAGE}`);
  const outcome = await cliErrors(() =>
    pushProject({
      projectDir,
      databaseUrl: values.database!,
      mediaRoot: values['media-root'] ?? null,
      settings: new AppSettings(defaultDataDir()),
    }),
  );
  const rows = outcome.rows;
  io.out(
    `Pushed "${outcome.projectName}": ${countOf(rows['sample'] ?? 0, 'sample')}, ${countOf(rows['annotation_revision'] ?? 0, 'annotation revision')}, ` +
      `${countOf(rows['gold_decision'] ?? 0, 'decision')}, ${countOf(rows['guideline_version'] ?? 0, 'guideline version')}, ` +
      `${countOf(rows['dataset_version'] ?? 0, 'dataset version')}, ${countOf(rows['labeler'] ?? 0, 'account')}; ` +
      `${countOf(outcome.mediaFilesCopied, 'media file')} copied.`,
  );
  io.out('Sign-in sessions stay behind: everyone signs in again on the server.');
}

/** The back end's refusals are the user's to act on: one line and exit code 1, as for API calls. */
export async function cliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError) throw new CliError(error.message, exitCodeFor(error.code));
    throw error;
  }
}
