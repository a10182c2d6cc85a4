import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import { APP_ORIGIN, MEDIA_SCHEME } from '../../shared/api/bridge';
import { MEDIA_TICKET_PARAM, parseMediaPath, type MediaAddress } from '../../shared/api/media-url';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';
import { MEDIA_SECURITY_HEADERS } from '../security/media-headers';
import type { ServiceHost } from '../services/hosting/host';
import { parseRange } from '../http/byte-range';
import { contentTypeOf, resolveStaticPath } from '../http/static-path';

const APP = new URL(APP_ORIGIN);
const APP_SCHEME = APP.protocol.slice(0, -1);

const UI_HEADERS = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };

/**
 * Must run before the app is ready. `app` is standard (relative URLs, storage, a real
 * origin) and secure; media is streamable so audio seeks with Range requests, and
 * CORS-enabled so the UI may fetch it and draw it on a canvas it reads back.
 */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: MEDIA_SCHEME, privileges: { secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
  ]);
}

export function registerProtocols(host: ServiceHost, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveUi(rendererDir, request));
  protocol.handle(MEDIA_SCHEME, (request) => serveMedia(host, request));
}

export async function serveUi(rendererDir: string, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.host === APP.host ? resolveStaticPath(rendererDir, url.pathname) : null;
  if (path === null) return new Response('Not found', { status: 404, headers: UI_HEADERS });
  // Unknown routes get the app shell so the UI's own routes survive a reload.
  const file = (await isFile(path)) ? path : join(rendererDir, 'index.html');
  const headers = { ...UI_HEADERS, 'content-type': contentTypeOf(file), 'cache-control': 'no-cache' };
  return new Response(streamFile(file), { headers });
}

/** Serves what the back end resolved (confined, content-checked, an image or audio type) and nothing else. */
export async function serveMedia(host: ServiceHost, request: Request): Promise<Response> {
  const address = parseMediaUrl(request.url);
  const file = address ? await host.resolveMedia(address, new URL(request.url).searchParams.get(MEDIA_TICKET_PARAM)) : null;
  // The file can vanish between the lookup and here (a drive unplugged mid-session).
  const info = file ? await stat(file.path).catch(() => null) : null;
  if (!file || !info) return new Response('No such media in the open project', { status: 404, headers: MEDIA_SECURITY_HEADERS });
  const { size } = info;
  const range = parseRange(request.headers.get('range'), size);
  const headers = {
    'content-type': file.mimeType,
    'accept-ranges': 'bytes',
    // The address carries the content hash, so what it names never changes.
    'cache-control': 'private, max-age=31536000, immutable',
    ...MEDIA_SECURITY_HEADERS,
    'access-control-allow-origin': APP_ORIGIN,
  };
  if (range.kind === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
  if (range.kind === 'whole') return new Response(streamFile(file.path), { headers: { ...headers, 'content-length': String(size) } });
  const { start, end } = range;
  const partial = { ...headers, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}` };
  return new Response(streamFile(file.path, start, end), { status: 206, headers: partial });
}

/** `concord-media://sample/<id>/<variant>/<sha256>` (see shared/api/media-url), or null for anything else. */
export function parseMediaUrl(url: string): MediaAddress | null {
  const prefix = `${MEDIA_SCHEME}://`;
  // The query carries the session's ticket; the address is the path alone.
  return url.startsWith(prefix) ? parseMediaPath(url.slice(prefix.length).split('?')[0]!) : null;
}

/** Streams rather than reads: recordings can be hours long. */
function streamFile(path: string, start?: number, end?: number): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>;
}

async function isFile(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info?.isFile() ?? false;
}
