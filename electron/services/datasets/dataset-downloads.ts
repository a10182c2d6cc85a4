import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidatedArg } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { DatasetDownload } from '../../../shared/domain/dataset';
import { datasetVersion } from '../../db/queries/datasets';
import { getProject } from '../../db/queries/project';
import { requireCaller, requireProject, type ServiceContext } from '../hosting/context';
import { datasetsExport } from './datasets';

/** How long a prepared download waits to be fetched before its folder is removed. */
export const DOWNLOAD_TTL_MS = 10 * 60 * 1000;

/** Where download addresses start; the rest is the download's random token. */
export const DOWNLOAD_PATH = '/api/downloads/';

/** A token as `DatasetDownloads` makes them; anything else is refused before a lookup. */
const TOKEN = /^[0-9a-f]{48}$/;

/** A dataset version exported into a private temporary folder, waiting to be zipped to whoever asked for it. */
export interface PreparedDownload {
  /** The folder holding the export (a copy: no links to the project). */
  folder: string;
  /** The zip's name without `.zip`, and the folder its entries sit under. */
  name: string;
  /** When the version was frozen: every entry carries it, so a version zips to the same bytes. */
  frozenAt: Date;
  /** The account that asked; only it may fetch the download. */
  accountId: number;
  expiresAt: number;
}

/**
 * Downloads prepared and not yet fetched, by token. Each is fetched at most once, by the account
 * that prepared it, within `DOWNLOAD_TTL_MS`; its folder is removed once fetched, when it
 * expires, or when the host closes.
 */
export class DatasetDownloads {
  private readonly waiting = new Map<string, PreparedDownload>();

  constructor(private readonly now: () => number) {}

  put(download: Omit<PreparedDownload, 'expiresAt'>): { token: string; expiresAt: number } {
    this.sweep();
    const token = randomBytes(24).toString('hex');
    const expiresAt = this.now() + DOWNLOAD_TTL_MS;
    this.waiting.set(token, { ...download, expiresAt });
    return { token, expiresAt };
  }

  /** The download behind `token` for this account, taken off the shelf (the caller removes its folder); null otherwise. */
  take(token: string, accountId: number): PreparedDownload | null {
    this.sweep();
    if (!TOKEN.test(token)) return null;
    const download = this.waiting.get(token);
    if (!download || download.accountId !== accountId) return null;
    this.waiting.delete(token);
    return download;
  }

  /** Removes every waiting download's folder (the host is closing). */
  async close(): Promise<void> {
    const folders = [...this.waiting.values()].map((download) => download.folder);
    this.waiting.clear();
    await Promise.all(folders.map(removeDownloadFolder));
  }

  private sweep(): void {
    for (const [token, download] of this.waiting)
      if (download.expiresAt <= this.now()) {
        this.waiting.delete(token);
        void removeDownloadFolder(download.folder);
      }
  }
}

/** Removes a download's temporary folder (the parent `mkdtemp` made around the export). */
export function removeDownloadFolder(folder: string): Promise<void> {
  return rm(join(folder, '..'), { recursive: true, force: true });
}

/**
 * Exports a version into a private temporary folder, media copied, and returns the address to
 * fetch it from as one zip. Everything that can fail (an unknown version, a format that does not
 * fit the project, a read-only view, a missing media file) fails here, before any byte is sent.
 */
export async function datasetsDownload(ctx: ServiceContext, arg: ValidatedArg<'datasets.download'>): Promise<DatasetDownload> {
  const project = requireProject(ctx);
  const caller = requireCaller(ctx);
  const found = await datasetVersion(project.connection.db, arg.version);
  if (!found) throw new ApiError('not_found', `There is no dataset v${arg.version}.`, [{ path: 'version', message: 'unknown version' }]);
  const name = `${fileSafe((await getProject(project.connection.db))!.name)}-v${arg.version}-${arg.format}`;
  const parent = await mkdtemp(join(tmpdir(), 'concord-download-'));
  const folder = join(parent, name);
  try {
    const written = await datasetsExport(ctx, { version: arg.version, format: arg.format, outDir: folder, copyMedia: true }, name);
    const { token, expiresAt } = ctx.downloads.put({ folder, name, frozenAt: new Date(found.summary.createdAt), accountId: caller.id });
    return { url: `${DOWNLOAD_PATH}${token}`, fileName: `${name}.zip`, files: written.files, expiresAt: new Date(expiresAt).toISOString() };
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A project's name as a file name anyone's system accepts: letters, digits and dashes.
 * @example fileSafe('Street signs (2026)') // 'street-signs-2026'
 */
function fileSafe(name: string): string {
  const safe = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return safe || 'dataset';
}
