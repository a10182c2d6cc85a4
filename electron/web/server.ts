import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseMediaPath, type MediaAddress } from '../../shared/api/media-url';
import type { ServiceHost } from '../services/host';
import { CONTENT_SECURITY_POLICY, SESSION_COOKIE, isAuthenticated, isSameOrigin, sameToken } from './security';
import { serveFile, serveStatic } from './static-files';

/** Largest API call body accepted; calls carry arguments, never media. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface WebServerOptions {
  host: ServiceHost;
  rendererDir: string;
  port?: number;
  /** Fixed token (tests); a fresh random one per run otherwise. */
  token?: string;
}

export interface WebServer {
  /** Open this in a browser: it carries the token and trades it for a session cookie. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/**
 * The browser host: serves the built UI and the same API as Electron's IPC, on the
 * loopback interface only. Every request must carry the per-run token (as the session
 * cookie the first visit sets, or a bearer header).
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('hex');
  let port = 0;
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[web] request failed:', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('Internal error');
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (!isSameOrigin(request, port)) return plain(response, 403, 'Forbidden: requests must come from this app.');
    const offered = url.searchParams.get('token');
    if (offered !== null && request.method === 'GET') {
      if (!sameToken(offered, token)) return plain(response, 401, 'This link has expired. Use the address printed by `npm run web`.');
      response.writeHead(303, { 'set-cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`, location: '/' });
      return void response.end();
    }
    if (!isAuthenticated(request, token)) return plain(response, 401, 'Not signed in. Open the address printed by `npm run web` (it carries a one-run token).');

    if (url.pathname.startsWith('/api/call/') && request.method === 'POST')
      return apiCall(request, response, decodeURIComponent(url.pathname.slice('/api/call/'.length)));
    if (url.pathname === '/api/events' && request.method === 'GET') return events(request, response);
    const media = url.pathname.startsWith('/media/') ? parseMediaPath(url.pathname.slice('/media/'.length)) : null;
    if (media && request.method === 'GET') return mediaFile(request, response, media);
    if (request.method !== 'GET') return plain(response, 405, 'Method not allowed');
    return serveStatic(options.rendererDir, url.pathname, response, SECURITY_HEADERS);
  }

  async function apiCall(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return plain(response, 415, 'API calls must be JSON');
    const body = await readBody(request);
    if (body === null) return plain(response, 413, 'Call too large');
    let arg: unknown;
    try {
      arg = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      return json(response, { ok: false, error: { code: 'invalid_argument', message: 'The call body is not valid JSON.' } });
    }
    json(response, await options.host.call(name, arg));
  }

  function events(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.write(': connected\n\n');
    const unsubscribe = options.host.onEvent((event) => response.write(`data: ${JSON.stringify(event)}\n\n`));
    // Proxies and browsers drop silent streams; a comment every 20 s keeps it open.
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 20_000);
    request.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  async function mediaFile(request: IncomingMessage, response: ServerResponse, address: MediaAddress): Promise<void> {
    const file = await options.host.resolveMedia(address);
    if (!file) return plain(response, 404, 'No such media in the open project');
    await serveFile(request, response, file.path, file.mimeType);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  response.end(text);
}

function json(response: ServerResponse, value: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
