import { linkSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { dirname, isAbsolute, relative } from 'node:path';
import type { LinkCounts } from '../../../shared/dataset/card';

/**
 * Why a hard link could not be made where every file of the same folder will fail alike: the
 * project's media are on another file system than the export (`EXDEV`), or the file system has
 * no hard links. Decided once per media folder, those go straight to symbolic links.
 */
const FOLDER_CANNOT_HARD_LINK = new Set(['EXDEV', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);
/**
 * Why this one file could not be hard-linked: Linux's `protected_hardlinks` refuses another
 * user's file (`EPERM`, also what FAT answers), the file has the most names its file system
 * allows (`EMLINK`: 65,000 on ext4), or it is gone (`ENOENT`: as before, a link that points at
 * where it was).
 */
const FILE_CANNOT_HARD_LINK = new Set(['EPERM', 'EACCES', 'EMLINK', 'ENOENT']);

/**
 * Links an export's media to the project's files. A hard link first: another name for the same
 * bytes, made without a new inode (on ext4 a new inode, as a symbolic link needs, cost 15–140 µs
 * of system time each, a hard link about 12 µs), which keeps the bytes if the project's file is
 * later removed or replaced by a save-by-rename, lets the export move anywhere on its disk, and
 * needs no privilege on Windows. Where the system refuses one, a symbolic link, relative where
 * the export and the project can move together.
 */
export class MediaLinks {
  readonly counts: LinkCounts = { hard: 0, symbolic: 0 };
  /** Media folders whose files cannot be hard-linked into this export. */
  private readonly symbolicOnly = new Set<string>();

  /**
   * Makes `to` a hard link to `from`, synchronously: one system call that allocates nothing, so
   * the thread pool's round trip would cost more than the call. False when this file needs a
   * symbolic link instead (`symbolic`); any other failure is thrown.
   */
  tryHard(from: string, to: string): boolean {
    const folder = dirname(from);
    if (this.symbolicOnly.has(folder)) return false;
    try {
      linkSync(from, to);
      this.counts.hard++;
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (FOLDER_CANNOT_HARD_LINK.has(code)) this.symbolicOnly.add(folder);
      else if (!FILE_CANNOT_HARD_LINK.has(code)) throw error;
      return false;
    }
  }

  /**
   * Makes `to` a symbolic link to `from`, relative to where the link will be once the export is
   * renamed into place (`finalTo`), so the export and the project can move together.
   */
  async symbolic(from: string, to: string, finalTo: string): Promise<void> {
    const relativeTarget = relative(dirname(finalTo), from);
    // Another drive (Windows) has no relative way there.
    await symlink(isAbsolute(relativeTarget) ? from : relativeTarget, to);
    this.counts.symbolic++;
  }
}
