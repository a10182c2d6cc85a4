import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidatedArg } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { EXPORT_FORMATS, type DatasetDownload, type ExportFormat } from '../../../shared/domain/dataset';
import { keepDownload, takeDownload } from '../../db/queries/dataset-downloads';
import { datasetVersion } from '../../db/queries/datasets';
import { getProject } from '../../db/queries/project';
import { requireCaller, requireProject, type ServiceContext } from '../hosting/context';
import { datasetsExport, refuseExportFromReadOnlyView } from './datasets';
import { requireFormatOfKind } from './write-export';

/** How long a prepared download waits to be fetched. */
export const DOWNLOAD_TTL_MS = 10 * 60 * 1000;

/** Where download addresses start; the rest is the download's random token. */
export const DOWNLOAD_PATH = '/api/downloads/';

/** A token as `datasetsDownload` makes them; anything else is refused before a lookup. */
const TOKEN = /^[0-9a-f]{48}$/;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A dataset version exported into a private temporary folder, to be zipped to whoever asked for it. */
export interface ExportedDownload {
  /** The folder holding the export (a copy: no links to the project). */
  folder: string;
  /** The zip's name without `.zip`, and the folder its entries sit under. */
  name: string;
  /** When the version was frozen: every entry carries it, so a version zips to the same bytes. */
  frozenAt: Date;
  /** Removes the temporary folder once the zip is sent (or failed). */
  done(): Promise<void>;
}

/**
 * Checks that the caller may have this version in this format and returns the address to fetch
 * it from, once, within `DOWNLOAD_TTL_MS`, by the same account. What is refused for the asking
 * (an unknown version, a format that does not fit the project, a read-only view) is refused
 * here; the export itself is made when the address is fetched, by whichever server process
 * answers it, since the waiting download is kept in the project's database.
 */
export async function datasetsDownload(ctx: ServiceContext, arg: ValidatedArg<'datasets.download'>): Promise<DatasetDownload> {
  const project = requireProject(ctx);
  const caller = requireCaller(ctx);
  refuseExportFromReadOnlyView(project);
  const { db } = project.connection;
  const found = await datasetVersion(db, arg.version);
  if (!found) throw new ApiError('not_found', `There is no dataset v${arg.version}.`, [{ path: 'version', message: 'unknown version' }]);
  requireFormatOfKind(arg.format, found.summary.kind);
  const token = randomBytes(24).toString('hex');
  const expiresAt = ctx.now() + DOWNLOAD_TTL_MS;
  await keepDownload(db, { tokenHash: hashToken(token), version: arg.version, format: arg.format, accountId: caller.id, expiresAt }, ctx.now());
  return { url: `${DOWNLOAD_PATH}${token}`, fileName: `${await downloadName(ctx, arg.version, arg.format)}.zip`, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * Takes the download behind `token` for this account off the shelf and exports its version into
 * a private temporary folder, media copied. Null when nothing waits there for this account (an
 * unknown, fetched or expired token, or another account's). An export that fails (a media file
 * gone since) throws before any byte is sent, and its folder is removed.
 */
export async function exportPreparedDownload(ctx: ServiceContext, token: string, accountId: number): Promise<ExportedDownload | null> {
  if (!TOKEN.test(token)) return null;
  const project = requireProject(ctx);
  const waiting = await takeDownload(project.connection.db, hashToken(token), accountId, ctx.now());
  const format = EXPORT_FORMATS.find((known) => known === waiting?.format);
  if (!waiting || !format) return null;
  const found = await datasetVersion(project.connection.db, waiting.version);
  if (!found) throw new ApiError('not_found', `Dataset v${waiting.version} is no longer in the project.`);
  const name = await downloadName(ctx, waiting.version, format);
  const parent = await mkdtemp(join(tmpdir(), 'concord-download-'));
  const done = () => rm(parent, { recursive: true, force: true });
  const folder = join(parent, name);
  try {
    await datasetsExport(ctx, { version: waiting.version, format, outDir: folder, copyMedia: true }, name);
  } catch (error) {
    await done();
    throw error;
  }
  return { folder, name, frozenAt: new Date(found.summary.createdAt), done };
}

/** The zip's name: the project, the version and the format, in characters any file system takes. */
async function downloadName(ctx: ServiceContext, version: number, format: ExportFormat): Promise<string> {
  return `${fileSafe((await getProject(requireProject(ctx).connection.db))!.name)}-v${version}-${format}`;
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
