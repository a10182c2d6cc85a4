import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { mediaPath } from '../../../shared/api/media-url';
import { writeImage } from '../../support/media-fixtures';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Raw HTTP, so tests control the Host and Origin headers a browser would set. */
function send(server: WebServer, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the web host', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();
  const servers: WebServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  async function start() {
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Concord</title>');
    const host = newHost(tempDir());
    const server = await startWebServer({ host, rendererDir });
    servers.push(server);
    const auth = { authorization: `Bearer ${server.token}` };
    const call = (name: string, body: unknown) =>
      send(server, `/api/call/${name}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        (r) => JSON.parse(r.body.toString()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } },
      );
    return { host, server, auth, call };
  }

  it('lets in only holders of the run token, trading the link for an HttpOnly session cookie', async () => {
    const { server } = await start();
    expect((await send(server, '/')).status).toBe(401);
    expect((await send(server, '/?token=wrong')).status).toBe(401);
    const login = await send(server, `/?token=${server.token}`);
    expect(login.status).toBe(303);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await send(server, '/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('refuses other host names (DNS rebinding) and other origins (CSRF)', async () => {
    const { server, auth } = await start();
    expect((await send(server, '/', { headers: { ...auth, host: `evil.example:${server.port}` } })).status).toBe(403);
    const crossSite = await send(server, '/api/call/app.info', {
      method: 'POST',
      headers: { ...auth, origin: 'http://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
  });

  it('runs calls through the contract: typed results and typed errors, never a crash', async () => {
    const { server, auth, call } = await start();
    expect(await call('app.info', {})).toEqual({ ok: true, value: { version: expect.any(String), host: 'web', capabilities: { pickFolder: false } } });
    expect((await call('projects.create', { kind: 'bbox' })).error?.code).toBe('invalid_argument');
    const garbled = await send(server, '/api/call/app.info', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{not json' });
    expect(JSON.parse(garbled.body.toString())).toEqual({ ok: false, error: { code: 'invalid_argument', message: 'The call body is not valid JSON.' } });
    expect((await send(server, '/api/call/app.info', { method: 'POST', headers: auth, body: 'x' })).status).toBe(415);
  });

  it('serves registered media only, with byte ranges for seeking', async () => {
    const { server, auth, call } = await start();
    const media = tempDir();
    await writeImage(join(media, 'a.png'), 'png', 50, 40, 3);
    mkdirSync(join(media, 'sub'));
    await call('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox' });
    const started = (await call('imports.start', { source: media })) as { value: { jobId: string } };
    for (;;) {
      const r = (await call('imports.get', { jobId: started.value.jobId })) as { value: { finishedAt: string | null } };
      if (r.value.finishedAt) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    const list = (await call('samples.list', {})) as { value: { items: Array<{ id: number; byteSize: number; sha256: string }> } };
    const sample = list.value.items[0]!;
    const address = `/media/${mediaPath(sample, 'original')}`;
    const whole = await send(server, address, { headers: auth });
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('image/png');
    expect(whole.body.length).toBe(sample.byteSize);
    const part = await send(server, address, { headers: { ...auth, range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-9/${sample.byteSize}`);
    expect(part.body).toEqual(whole.body.subarray(0, 10));
    expect((await send(server, address, { headers: { ...auth, range: `bytes=${sample.byteSize + 5}-` } })).status).toBe(416);
    expect((await send(server, `/media/${mediaPath({ ...sample, id: sample.id + 99 }, 'original')}`, { headers: auth })).status).toBe(404);
    expect((await send(server, `/media/${mediaPath({ ...sample, sha256: 'f'.repeat(64) }, 'original')}`, { headers: auth })).status).toBe(404);
    // Paths that try to climb out get the app's page, never the file they name.
    for (const path of ['/media/..%2F..%2Fetc%2Fpasswd/original', '/..%2F..%2F..%2Fetc%2Fpasswd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const reply = await send(server, path, { headers: auth });
      expect(reply.body.toString()).not.toContain('root:');
      expect(reply.body.toString()).toContain('<title>Concord</title>');
    }
  });
});
