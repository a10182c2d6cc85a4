import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, sep } from 'node:path';
import { parseRange } from '../http/byte-range';
import { MEDIA_SECURITY_HEADERS } from '../security/media-headers';
import { contentTypeOf, resolveStaticPath } from '../http/static-path';

/** Serves the built renderer; unknown paths get index.html so the app's own routes work. */
export async function serveStatic(rootDir: string, urlPath: string, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  const candidate = resolveStaticPath(rootDir, urlPath);
  const info = candidate ? await stat(candidate).catch(() => null) : null;
  const file = candidate && info?.isFile() ? candidate : join(rootDir, 'index.html');
  // Vite names assets by content hash, so they never change under the same name.
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  response.writeHead(200, { ...headers, 'content-type': contentTypeOf(file), 'cache-control': cache });
  createReadStream(file).pipe(response);
}

/**
 * Whole files up to this size (a thumbnail) are read at once and sent in one write: a stream's
 * 64 KiB buffer and pipe cost the host more than the file, and a scrolled grid asks for dozens a second.
 */
const READ_WHOLE_BYTES = 256 * 1024;

/**
 * Streams a media file honouring a single HTTP Range, which audio elements need to seek in
 * long recordings without downloading them whole. Media addresses carry the content
 * hash, so responses may be cached for good. `mimeType` is the back end's checked type.
 */
export async function serveFile(request: IncomingMessage, response: ServerResponse, path: string, mimeType: string): Promise<void> {
  const { size } = await stat(path);
  const range = parseRange(request.headers.range ?? null, size);
  const base = {
    'content-type': mimeType,
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=31536000, immutable',
    ...MEDIA_SECURITY_HEADERS,
  };
  if (range.kind === 'unsatisfiable') {
    response.writeHead(416, { ...MEDIA_SECURITY_HEADERS, 'content-range': `bytes */${size}` });
    response.end();
  } else if (range.kind === 'whole' && size <= READ_WHOLE_BYTES) {
    const body = await readFile(path);
    response.writeHead(200, { ...base, 'content-length': String(body.length) });
    response.end(body);
  } else if (range.kind === 'whole') {
    response.writeHead(200, { ...base, 'content-length': String(size) });
    createReadStream(path).pipe(response);
  } else {
    response.writeHead(206, { ...base, 'content-length': String(range.end - range.start + 1), 'content-range': `bytes ${range.start}-${range.end}/${size}` });
    createReadStream(path, { start: range.start, end: range.end }).pipe(response);
  }
}
