import { parseArgs } from 'node:util';
import { countOf } from '../../shared/text/plural';
import type { ServiceHost } from '../services/hosting/host';
import { backupTeamDatabase } from '../services/team/backup';
import { restoreIntoNewProject } from '../services/team/project-transfer';
import { restoreTeamDatabase } from '../services/team/restore';
import { projectMediaDir } from '../services/team/server-projects';
import type { CliIo } from './commands';
import { CliError, cliErrors } from './exit-codes';
import { reportAccounts } from './push-command';
import { namedProject, teamServer } from './team-host';

const BACKUP_USAGE = 'concord backup --database postgres://USER@HOST:PORT/DB [--project NAME] --out FILE';
const RESTORE_USAGE = 'concord restore FILE --database postgres://USER@HOST:PORT/DB [--project NEW_NAME [--media-root DIR]]';

/**
 * `concord backup`: a consistent snapshot of one project's database in one file (see
 * `backup-format.ts`): the one named with `--project`, or the server's only one. A server of
 * several projects is backed up project by project.
 */
export async function backup(_localHost: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { database: { type: 'string' }, out: { type: 'string' }, project: { type: 'string' } },
  });
  if (positionals.length > 0 || !values.database || !values.out) throw new CliError(`backup takes --database and --out.\n${BACKUP_USAGE}`);
  const catalogue = await teamServer(values.database, BACKUP_USAGE);
  try {
    const project = await namedProject(catalogue, values.project);
    const outcome = await cliErrors(() => backupTeamDatabase(project.url, values.out!));
    io.out(`Wrote ${outcome.file}: project "${project.slug}", schema ${outcome.schemaVersion}, ${summary(outcome.rows)}.`);
  } finally {
    await catalogue.close();
  }
}

/**
 * `concord restore`: a backup into a new, empty team database, all or nothing; with
 * `--project NEW_NAME`, into a new project of a server that may hold others.
 */
export async function restore(_localHost: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { database: { type: 'string' }, project: { type: 'string' }, 'media-root': { type: 'string' } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1 || !values.database) throw new CliError(`restore takes one backup file and --database.\n${RESTORE_USAGE}`);
  if (values.project === undefined) {
    const outcome = await cliErrors(() => restoreTeamDatabase(file, values.database!));
    return io.out(`Restored ${summary(outcome.rows)} (schema ${outcome.schemaVersion}, now upgraded to this version's).`);
  }
  const slug = values.project;
  const mediaRoot = values['media-root'] ?? null;
  const catalogue = await teamServer(values.database, RESTORE_USAGE);
  try {
    const outcome = await cliErrors(() => restoreIntoNewProject(catalogue, slug, file, mediaRoot));
    io.out(`Restored "${outcome.project.name}" as the server's project "${slug}": ${summary(outcome.rows)} (schema ${outcome.schemaVersion}, now upgraded).`);
    reportAccounts(outcome.accounts, io);
    const mediaDir = mediaRoot === null ? `projects/${slug}/ under the media root` : projectMediaDir(mediaRoot, slug);
    io.out(`A backup holds no media: copy the project's media folder to ${mediaDir}.`);
  } finally {
    await catalogue.close();
  }
}

function summary(rows: Record<string, number>): string {
  const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
  return `${countOf(total, 'row')} in ${countOf(Object.keys(rows).length, 'table')} (${countOf(rows['sample'] ?? 0, 'sample')}, ${countOf(rows['annotation_revision'] ?? 0, 'annotation revision')})`;
}
