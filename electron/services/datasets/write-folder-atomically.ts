import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { DatasetItem } from '../../../shared/domain/dataset';
import { PRIVATE_DIR_MODE } from '../../fs/private-files';
import { ExportWriter, type WriterOptions } from './export-writer';

/** Marks the hidden folder an export is written into before it is renamed into place. */
export const EXPORT_TEMP_MARK = '.concord-export-';

/** What the final check needs of each sample a folder holds: which one it is, and its name for a failure's message. */
export type ExportedSample = Pick<DatasetItem, 'sampleId' | 'fileName'>;

export interface WrittenFolder {
  dir: string;
  files: number;
}

/**
 * Writes a new folder atomically: everything goes into a hidden owner-only folder beside
 * `outDir`, which is renamed into place only once `write` has finished and the writer has checked
 * the folder holds exactly what was written, with each of the samples `write` returns placed once.
 * A failure removes the hidden folder, so an interrupted or wrong export leaves no folder at all;
 * the leftovers of one killed mid-way are cleared by the next export to the same place. An
 * existing folder is never overwritten.
 *
 * @example
 *   await writeFolderAtomically('/exports/labels', { copyMedia: false, mediaPath: () => '' }, async (out) => {
 *     await out.small('README.md', 'hello\n');
 *     return [];
 *   });
 */
export async function writeFolderAtomically(
  outDir: string,
  media: Pick<WriterOptions, 'copyMedia' | 'mediaPath'>,
  write: (out: ExportWriter, target: string) => Promise<readonly ExportedSample[]>,
): Promise<WrittenFolder> {
  const target = resolve(outDir);
  if (await exists(target)) throw new ApiError('failed_precondition', `${target} already exists. Export into a new folder; an export never overwrites one.`);
  await mkdir(dirname(target), { recursive: true });
  await clearLeftovers(target);
  const temp = join(dirname(target), `${EXPORT_TEMP_MARK}${basename(target)}-${randomBytes(4).toString('hex')}`);
  // Owner-only while it is written (and after, as the folder it is renamed to).
  await mkdir(temp, { mode: PRIVATE_DIR_MODE });
  await chmod(temp, PRIVATE_DIR_MODE);
  const out = new ExportWriter({ root: temp, finalRoot: target, ...media });
  try {
    await out.verify(await write(out, target));
    await rename(temp, target);
    return { dir: target, files: out.files };
  } catch (error) {
    await out.settle();
    await rm(temp, { recursive: true, force: true });
    throw error;
  } finally {
    await out.close();
  }
}

/** Hidden folders of exports to the same target that were interrupted. */
async function clearLeftovers(target: string): Promise<void> {
  // Exactly this target's: the export of `data` must not clear one of `data-v2` under way.
  const prefix = `${EXPORT_TEMP_MARK}${basename(target)}-`;
  for (const entry of await readdir(dirname(target)))
    if (entry.startsWith(prefix) && /^[0-9a-f]{8}$/.test(entry.slice(prefix.length))) await rm(join(dirname(target), entry), { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
