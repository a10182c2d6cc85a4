import { parseArgs } from 'node:util';
import { countOf } from '../../shared/text/plural';
import { defaultDataDir } from '../app-paths';
import { AppSettings } from '../services/app-settings';
import type { ServiceHost } from '../services/hosting/host';
import { pushIntoNewProject, type AccountsEntered } from '../services/team/project-transfer';
import { pushProject, type PushOutcome } from '../services/team/push-project';
import type { CliIo } from './commands';
import { CliError, cliErrors } from './exit-codes';
import { teamServer } from './team-host';

export const PUSH_USAGE = 'concord push <project-folder> --database postgres://USER@HOST:PORT/DB [--media-root DIR] [--project NAME]';

/**
 * `concord push`: moves a local project into a new, empty team database, its media into the
 * server's media root; with `--project NAME`, into a new project of that name on a server
 * that may hold others (its accounts joining the server's). The project folder is left as it
 * was (it stays a working local copy).
 */
export async function push(_localHost: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { database: { type: 'string' }, 'media-root': { type: 'string' }, project: { type: 'string' } },
  });
  const [projectDir] = positionals;
  if (!projectDir || positionals.length > 1) throw new CliError(`push takes one project folder.\n${PUSH_USAGE}`);
  if (!values.database) throw new CliError(`--database postgres://USER@HOST:PORT/DB is required.\n${PUSH_USAGE}`);
  const settings = new AppSettings(defaultDataDir());
  if (values.project !== undefined) return pushNamedProject(projectDir, values.database, values['media-root'], values.project, settings, io);
  const outcome = await cliErrors(() => pushProject({ projectDir, databaseUrl: values.database!, mediaRoot: values['media-root'] ?? null, settings }));
  reportPush(outcome, io);
}

async function pushNamedProject(
  projectDir: string,
  database: string,
  mediaRoot: string | undefined,
  slug: string,
  settings: AppSettings,
  io: CliIo,
): Promise<void> {
  if (!mediaRoot) throw new CliError(`--media-root DIR, the team server's media folder, is required with --project.\n${PUSH_USAGE}`);
  const catalogue = await teamServer(database, PUSH_USAGE);
  try {
    const outcome = await cliErrors(() => pushIntoNewProject(catalogue, slug, { projectDir, mediaRoot, settings }));
    reportPush(outcome, io);
    io.out(`It is the server's project "${outcome.project.slug}", served under /p/${outcome.project.slug}/.`);
    reportAccounts(outcome.accounts, io);
  } finally {
    await catalogue.close();
  }
}

/** Says which accounts a pushed or restored project brought to the server, and which it found there. */
export function reportAccounts(accounts: AccountsEntered, io: CliIo): void {
  if (accounts.added.length > 0) io.out(`New server accounts, with the password they had in the project: ${accounts.added.join(', ')}.`);
  if (accounts.joined.length > 0) io.out(`Already on the server, now members (their server password stands): ${accounts.joined.join(', ')}.`);
}

function reportPush(outcome: PushOutcome, io: CliIo): void {
  const rows = outcome.rows;
  io.out(
    `Pushed "${outcome.projectName}": ${countOf(rows['sample'] ?? 0, 'sample')}, ${countOf(rows['annotation_revision'] ?? 0, 'annotation revision')}, ` +
      `${countOf(rows['gold_decision'] ?? 0, 'decision')}, ${countOf(rows['guideline_version'] ?? 0, 'guideline version')}, ` +
      `${countOf(rows['dataset_version'] ?? 0, 'dataset version')}, ${countOf(rows['labeler'] ?? 0, 'account')}; ` +
      `${countOf(outcome.mediaFilesCopied, 'media file')} copied.`,
  );
  io.out('Sign-in sessions stay behind: everyone signs in again on the server.');
}
