import { parseArgs } from 'node:util';
import { countOf } from '../../shared/text/plural';
import type { ServiceHost } from '../services/hosting/host';
import { backupTeamDatabase } from '../services/team/backup';
import { restoreTeamDatabase } from '../services/team/restore';
import type { CliIo } from './commands';
import { CliError } from './exit-codes';
import { cliErrors } from './push-command';

const BACKUP_USAGE = 'concord backup --database postgres://USER@HOST:PORT/DB --out FILE';
const RESTORE_USAGE = 'concord restore FILE --database postgres://USER@HOST:PORT/DB';

/** `concord backup`: a consistent snapshot of a team database in one file (see `backup-format.ts`). */
export async function backup(_localHost: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { database: { type: 'string' }, out: { type: 'string' } } });
  if (positionals.length > 0 || !values.database || !values.out) throw new CliError(`backup takes --database and --out.\n${BACKUP_USAGE}`);
  const outcome = await cliErrors(() => backupTeamDatabase(values.database!, values.out!));
  io.out(`Wrote ${outcome.file}: schema ${outcome.schemaVersion}, ${summary(outcome.rows)}.`);
}

/** `concord restore`: a backup into a new, empty team database, all or nothing. */
export async function restore(_localHost: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { database: { type: 'string' } } });
  const [file] = positionals;
  if (!file || positionals.length > 1 || !values.database) throw new CliError(`restore takes one backup file and --database.\n${RESTORE_USAGE}`);
  const outcome = await cliErrors(() => restoreTeamDatabase(file, values.database!));
  io.out(`Restored ${summary(outcome.rows)} (schema ${outcome.schemaVersion}, now upgraded to this version's).`);
}

function summary(rows: Record<string, number>): string {
  const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
  return `${countOf(total, 'row')} in ${countOf(Object.keys(rows).length, 'table')} (${countOf(rows['sample'] ?? 0, 'sample')}, ${countOf(rows['annotation_revision'] ?? 0, 'annotation revision')})`;
}
