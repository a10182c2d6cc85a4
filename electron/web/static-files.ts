import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Serves the built renderer; unknown paths get index.html so the app's own routes work. */
export async function serveStatic(rootDir: string, urlPath: string, response: ServerResponse, headers: Record<string, string>): Promise<void> {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  const candidate = join(rootDir, relative);
  const inside = candidate === rootDir || candidate.startsWith(rootDir + sep);
  const info = inside ? await stat(candidate).catch(() => null) : null;
  const file = info?.isFile() ? candidate : join(rootDir, 'index.html');
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache';
  response.writeHead(200, { ...headers, 'content-type': type, 'cache-control': cache });
  createReadStream(file).pipe(response);
}

/**
 * Streams a file honouring a single HTTP Range, which audio and video elements need to
 * seek in long recordings without downloading them whole.
 */
export async function serveFile(request: IncomingMessage, response: ServerResponse, path: string, mimeType: string): Promise<void> {
  const info = await stat(path);
  const range = request.headers.range?.match(/^bytes=(\d*)-(\d*)$/);
  const base = { 'content-type': mimeType, 'accept-ranges': 'bytes', 'cache-control': 'private, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' };
  if (!range || (range[1] === '' && range[2] === '')) {
    response.writeHead(200, { ...base, 'content-length': String(info.size) });
    createReadStream(path).pipe(response);
    return;
  }
  const start = range[1] === '' ? Math.max(0, info.size - Number(range[2])) : Number(range[1]);
  const end = range[1] === '' || range[2] === '' ? info.size - 1 : Math.min(Number(range[2]), info.size - 1);
  if (start > end || start >= info.size) {
    response.writeHead(416, { 'content-range': `bytes */${info.size}` });
    response.end();
    return;
  }
  response.writeHead(206, { ...base, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${info.size}` });
  createReadStream(path, { start, end }).pipe(response);
}
