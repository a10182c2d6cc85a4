import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ServiceHost } from '../services/hosting/host';
import { call, type CliIo } from './commands';
import { CliError } from './exit-codes';
import { countOf } from '../../shared/text/plural';

/**
 * `concord restore-backup <dir>`: puts the latest copy from the project's `backups/` folder in
 * place of its damaged database, as the app offers to. A sound database is refused, as the API does.
 */
export async function restoreBackup(host: ServiceHost, args: string[], io: CliIo): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [dir] = positionals;
  if (!dir || positionals.length > 1) throw new CliError('restore-backup takes one project folder: concord restore-backup <dir>');
  // Described before it is restored: opening an older copy upgrades it, which writes a newer backup.
  const copy = await call(host, 'projects.latestBackup', { dir: resolve(dir) });
  const project = await call(host, 'projects.restoreBackup', { dir: resolve(dir) });
  if (copy) {
    io.out(
      `Restored "${project.name}" from ${copy.file}, made ${copy.madeAt}: ${countOf(copy.sampleCount, 'sample')}, ${countOf(copy.revisionCount, 'saved label revision')}.`,
    );
  }
  io.out(`The damaged database is kept in ${resolve(project.dir, 'backups')}; work saved after the copy was made is not in the project.`);
}
