import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { ApiErrorBody, ApiErrorCode } from '../../shared/api/errors';
import { MEDIA_TICKET_PARAM } from '../../shared/api/media-url';
import type { DatasetDownload } from '../../shared/domain/dataset';
import { DOWNLOAD_PATH } from '../services/datasets/dataset-downloads';
import { toErrorBody } from '../services/hosting/error-body';
import type { Credentials, DownloadStream, ServiceHost } from '../services/hosting/host';

/** `/api/datasets/<version>/download`: the version is digits only, whatever else the path holds. */
const DATASET_DOWNLOAD = /^\/api\/datasets\/(\d{1,9})\/download$/;
/** `/api/downloads/<token>`: a token `datasets.download` answered with. */
const PREPARED_DOWNLOAD = /^\/api\/downloads\/([0-9a-f]{48})$/;

/** HTTP statuses for the API's refusals, so `curl -f` and `raise_for_status()` stop on them; the body says why. */
const STATUS: Partial<Record<ApiErrorCode, number>> = {
  invalid_argument: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  failed_precondition: 409,
  busy: 503,
  in_use: 409,
  read_only: 409,
  disk_full: 507,
};

/**
 * Answers the two download addresses, or returns false for any other request:
 * - `GET /api/datasets/<version>/download?format=coco` with the call's usual credentials (the
 *   owner key, a bearer token) prepares the version through `datasets.download` (access-checked
 *   and audited like the call) and streams it at once;
 * - `GET /api/downloads/<token>` exports and streams what `datasets.download` prepared, for the
 *   account that prepared it (its headers, or its session's media ticket in the query, as a
 *   browser link has), on any server process of the project's database.
 * Refusals come as JSON with an HTTP error status, before any byte of the zip; nothing from the
 * request names a file: the version and format are checked by the contract, the token looked up.
 */
export async function serveDatasetDownload(
  host: ServiceHost,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  path: string,
  credentials: Credentials,
): Promise<boolean> {
  if (request.method !== 'GET') return false;
  const version = DATASET_DOWNLOAD.exec(path)?.[1];
  if (version !== undefined) {
    const prepared = await host.call('datasets.download', { version: Number(version), format: url.searchParams.get('format') ?? '' }, credentials);
    if (!prepared.ok) return (refuse(response, prepared.error), true);
    const token = (prepared.value as DatasetDownload).url.slice(DOWNLOAD_PATH.length);
    await stream(host, response, token, credentials, null);
    return true;
  }
  const token = PREPARED_DOWNLOAD.exec(path)?.[1];
  if (token !== undefined) {
    await stream(host, response, token, credentials, url.searchParams.get(MEDIA_TICKET_PARAM));
    return true;
  }
  return false;
}

async function stream(host: ServiceHost, response: ServerResponse, token: string, credentials: Credentials, ticket: string | null): Promise<void> {
  let download: DownloadStream | null;
  try {
    download = await host.openDownload(token, credentials, ticket);
  } catch (error) {
    // The export is made now, on whichever server process was asked: a media file gone since is said before any byte.
    return refuse(response, toErrorBody('datasets.download', error));
  }
  if (!download) {
    return refuse(response, {
      code: 'not_found',
      message: 'No download waits at this address for you: it was fetched already, expired, or was prepared by another account.',
    });
  }
  response.writeHead(200, {
    'content-type': 'application/zip',
    'content-disposition': `attachment; filename="${download.fileName}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  try {
    await pipeline(download.zip, response);
  } catch (error) {
    // The client went away, or a file could not be read mid-way: the zip is cut short, which its reader sees.
    if (!response.destroyed) response.destroy(error instanceof Error ? error : undefined);
  } finally {
    await download.done();
  }
}

function refuse(response: ServerResponse, error: ApiErrorBody): void {
  response.writeHead(STATUS[error.code] ?? 500, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify({ ok: false, error }));
}
