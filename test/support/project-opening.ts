// Set-ups for tests of what opening a project does to its folder: a project closed cleanly to
// open again, and the files this process still holds open under a folder.
import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { HostOptions } from '../../electron/services/hosting/host';
import { projectPaths } from '../../electron/services/project-folder';
import type { TestHost } from './service-host';

export interface ClosedProject {
  /** The host that made the project; it has no project open. */
  host: TestHost;
  dir: string;
  paths: ReturnType<typeof projectPaths>;
}

/**
 * A one-class box project made by a fresh host and closed cleanly, so its database carries the
 * stamp of a passed integrity check (remove `paths.checkStamp` to stand for a copy or a crash).
 * @example const { host, dir, paths } = await closedProject(newHost, tempDir, { hostKind: 'cli' });
 */
export async function closedProject(
  newHost: (dataDir: string, options?: Partial<HostOptions>) => TestHost,
  tempDir: () => string,
  options?: Partial<HostOptions>,
): Promise<ClosedProject> {
  const host = newHost(tempDir(), options);
  const { dir } = await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }], tags: [] });
  await host.ok('projects.close', {});
  return { host, dir, paths: projectPaths(dir) };
}

/** Files this process holds open under `dir`, read from the kernel's own list. */
export function openFilesUnder(dir: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(join('/proc/self/fd', fd));
      return target.startsWith(dir) ? [target] : [];
    } catch {
      return []; // closed between the listing and the look
    }
  });
}
