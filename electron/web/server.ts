import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { parseMediaPath, type MediaAddress } from '../../shared/api/media-url';
import { openApiDocument } from '../../shared/api/openapi';
import { appVersion } from '../app-version';
import type { ServiceHost } from '../services/hosting/host';
import { MEDIA_TICKET_PARAM } from '../../shared/api/media-url';
import type { Credentials } from '../services/hosting/host';
import { serveDatasetDownload } from './dataset-download-route';
import { clientView } from './forwarded';
import { isAllowedOrigin, originPolicy, type ListenAddress, type OriginPolicy } from './origin-policy';
import { CONTENT_SECURITY_POLICY, OWNER_KEY_HEADER, OWNER_KEY_PARAM, bearerToken, sameToken } from './security';
import { serveFile, serveStatic } from './static-files';
import type { ProjectRouter } from './team-projects';
import { PROJECT_PATH, SERVER_PROJECTS_PATH, serverSignInSchema } from '../../shared/domain/team-server';

/** Largest API call body accepted; calls carry arguments, never media. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface WebServerOptions {
  host: ServiceHost;
  rendererDir: string;
  /** Where to listen; 127.0.0.1 on a free port unless given. */
  listen?: ListenAddress;
  /**
   * The owner key: fixed (tests), a fresh random one per run when absent, or `null` for a
   * team server, where nobody is "the person at this computer" and everyone signs in.
   */
  ownerKey?: string | null;
  /** The address people use when a reverse proxy stands in front (`--public-url`). */
  publicUrl?: URL;
  /** Believe the proxy's X-Forwarded-For and X-Forwarded-Proto (`--trust-proxy`). */
  trustProxy?: boolean;
  /** Serve HTTPS with this certificate chain and key (PEM). */
  tls?: { cert: Buffer; key: Buffer };
  /**
   * A team server's projects: each is served under `/p/<slug>/` (its UI, API, events and media)
   * by its own host; the server's own address serves its only project, or the project picker.
   */
  projects?: ProjectRouter;
}

export interface WebServer {
  /**
   * Where the server listens, as this machine reaches it (not the public URL); with an owner
   * key, its fragment carries it, which never travels in a request by itself.
   */
  url: string;
  port: number;
  ownerKey: string | null;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Browsers remember to use HTTPS for a year once a secure answer says so. */
const HSTS = { 'strict-transport-security': 'max-age=31536000' };

/**
 * The browser host: serves the built UI and the same API as Electron's IPC, on the
 * loopback interface (`npm run web`) or where `concord serve` is told to listen. No cookie: a browser would send it to every other server on
 * 127.0.0.1 (cookies are not scoped by port). Each tab keeps its own credentials and sends
 * them in headers: the owner key from the printed address (the person who started
 * Concord) and its session's bearer token once signed in. Media and the event stream,
 * which cannot carry headers, take the session's media ticket in the query.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const ownerKey = options.ownerKey === undefined ? randomBytes(24).toString('hex') : options.ownerKey;
  const trustProxy = options.trustProxy ?? false;
  let port = 0;
  let policy: OriginPolicy = { hosts: new Set(), origins: new Set() };
  const listener: RequestListener = (request, response) => {
    if (clientView(request, trustProxy).secure) for (const [name, value] of Object.entries(HSTS)) response.setHeader(name, value);
    handle(request, response).catch((error: unknown) => {
      console.error('[web] request failed:', error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('Internal error');
    });
  };
  const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createHttpServer(listener);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let url: URL;
    let path: string;
    try {
      url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
      path = decodeURIComponent(url.pathname);
    } catch {
      return plain(response, 400, 'Bad request: the address is malformed.');
    }
    if (!isAllowedOrigin(request, policy)) return plain(response, 403, 'Forbidden: requests must come from this app.');
    let host = options.host;
    let staticPath = url.pathname;
    if (options.projects) {
      if (path === SERVER_PROJECTS_PATH && request.method === 'POST') return serverProjects(request, response, options.projects);
      const project = PROJECT_PATH.exec(path);
      const projectHost = project ? await options.projects.host(project[1]!) : await options.projects.rootHost();
      if (!projectHost) return plain(response, 404, 'No such project on this server.');
      host = projectHost;
      if (project) {
        const prefix = `/p/${project[1]!}`;
        // A slug is plain ASCII: only an address that spells it out (not percent-encoded) names it.
        if (!url.pathname.startsWith(`${prefix}/`)) return plain(response, 404, 'No such project on this server.');
        path = project[2]!;
        staticPath = url.pathname.slice(prefix.length);
      }
    }
    if (path.startsWith('/api/call/') && request.method === 'POST') return apiCall(request, response, host, path.slice('/api/call/'.length));
    if (path === '/api/events' && request.method === 'GET') return events(request, response, host, url);
    if (await serveDatasetDownload(host, request, response, url, path, credentialsOf(request))) return;
    // The contract's description holds no data: scripts and tools read it before signing in.
    if (path === '/api/openapi.json' && request.method === 'GET') return json(response, openApiDocument(appVersion));
    const media = path.startsWith('/media/') ? parseMediaPath(path.slice('/media/'.length)) : null;
    if (media && request.method === 'GET') return mediaFile(request, response, host, media, url.searchParams.get(MEDIA_TICKET_PARAM));
    if (request.method !== 'GET') return plain(response, 405, 'Method not allowed');
    // The UI itself is public code: it holds no data, and asks for sign-in before any.
    return serveStatic(options.rendererDir, staticPath, response, SECURITY_HEADERS);
  }

  function credentialsOf(request: IncomingMessage): Credentials {
    const key = request.headers[OWNER_KEY_HEADER];
    return {
      transport: 'http',
      owner: ownerKey !== null && typeof key === 'string' && sameToken(key, ownerKey),
      session: bearerToken(request),
      address: clientView(request, trustProxy).address,
    };
  }

  async function apiCall(request: IncomingMessage, response: ServerResponse, host: ServiceHost, name: string): Promise<void> {
    const arg = await readJsonBody(request, response);
    if (arg === undefined) return;
    json(response, await host.call(name, arg, credentialsOf(request)));
  }

  /** The picker's question: which projects do this name and password belong to? */
  async function serverProjects(request: IncomingMessage, response: ServerResponse, projects: ProjectRouter): Promise<void> {
    const arg = await readJsonBody(request, response);
    if (arg === undefined) return;
    const parsed = serverSignInSchema.safeParse(arg);
    if (!parsed.success)
      return json(response, { ok: false, error: { code: 'unauthenticated', message: 'That name and password do not match an active account.' } });
    json(response, await projects.projectsOf(parsed.data, clientView(request, trustProxy).address));
  }

  /** A call's JSON argument; undefined once the answer (too large, not JSON) has been given. */
  async function readJsonBody(request: IncomingMessage, response: ServerResponse): Promise<unknown> {
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return plain(response, 415, 'API calls must be JSON');
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return tooLarge(response);
    const body = await readBody(request);
    if (body === null) return tooLarge(response);
    try {
      return body.length === 0 ? {} : JSON.parse(body);
    } catch {
      json(response, { ok: false, error: { code: 'invalid_argument', message: 'The call body is not valid JSON.' } });
      return undefined;
    }
  }

  async function events(request: IncomingMessage, response: ServerResponse, host: ServiceHost, url: URL): Promise<void> {
    const key = url.searchParams.get(OWNER_KEY_PARAM);
    const owner = ownerKey !== null && key !== null && sameToken(key, ownerKey);
    // Once the session ends the stream does; the browser's reconnection is then refused with 401, which it does not retry.
    const close = await host.listen(
      url.searchParams.get(MEDIA_TICKET_PARAM),
      owner,
      (event) => response.write(`data: ${JSON.stringify(event)}\n\n`),
      () => response.end(),
    );
    if (!close) return plain(response, 401, 'Sign in first.');
    if (response.writableEnded) return; // the session ended while the stream was being opened
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.write(': connected\n\n');
    // Proxies and browsers drop silent streams; a comment every 20 s keeps it open.
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 20_000);
    response.on('close', () => {
      clearInterval(keepAlive);
      close();
    });
  }

  async function mediaFile(request: IncomingMessage, response: ServerResponse, host: ServiceHost, address: MediaAddress, ticket: string | null): Promise<void> {
    const file = await host.resolveMedia(address, ticket);
    if (!file) return plain(response, 404, 'No such media in the open project');
    await serveFile(request, response, file.path, file.mimeType);
  }

  const listen = options.listen ?? { hostname: '127.0.0.1', port: 0 };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.hostname.replace(/^\[(.*)\]$/, '$1'), () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  policy = originPolicy({ hostname: listen.hostname, port }, { tls: options.tls !== undefined, publicUrl: options.publicUrl });
  const origin = `${options.tls ? 'https' : 'http'}://${shownHost(listen.hostname)}:${port}`;
  return {
    url: ownerKey === null ? `${origin}/` : `${origin}/#${OWNER_KEY_PARAM}=${ownerKey}`,
    port,
    ownerKey,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The name to print for a listen address: a wildcard is reached through loopback on this machine. */
function shownHost(hostname: string): string {
  if (hostname === '0.0.0.0') return '127.0.0.1';
  if (hostname === '::' || hostname === '[::]') return '[::1]';
  return hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  response.end(text);
}

function json(response: ServerResponse, value: unknown): void {
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}

/** Answers before the body is read; the connection closes rather than drain megabytes. */
function tooLarge(response: ServerResponse): void {
  response.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...SECURITY_HEADERS });
  response.end(`Call too large: at most ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
}

/** The body as text, or null once it passes the limit (without a declared length). */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off('data', onData);
        request.pause();
        resolve(null);
      } else chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
