import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { OWNER_KEY_HEADER } from '../../../electron/web/security';
import type { WebServer } from '../../../electron/web/server';
import { mediaPath } from '../../../shared/api/media-url';
import { writeImage, writeNoiseImage } from '../../support/media-fixtures';
import { sendRaw, type RawRequest } from '../../support/raw-http';
import { useTempDirs } from '../../support/temp-dir';
import { useWebHosts } from '../../support/web-host';

/** Raw HTTP to the server under test, so tests control the Host and Origin headers a browser would set. */
const send = (server: WebServer, path: string, options?: RawRequest) => sendRaw(`http://127.0.0.1:${server.port}`, path, options);

describe('the web host', () => {
  const tempDir = useTempDirs();
  const startWebHost = useWebHosts(tempDir);

  /** A web host, and calls as one tab that holds the owner key and keeps its session token. */
  async function start() {
    const { host, server } = await startWebHost();
    const key = { [OWNER_KEY_HEADER]: server.ownerKey! };
    const tab = { session: '', ticket: '' };
    const call = async (
      name: string,
      body: unknown,
      headers: Record<string, string> = { ...key, ...(tab.session ? { authorization: `Bearer ${tab.session}` } : {}) },
    ) => {
      const reply = await send(server, `/api/call/${name}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return JSON.parse(reply.body.toString()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    };
    const signInAsOwner = async () => {
      const signedIn = (await call('session.signIn', { method: 'owner' })).value as { token: string; mediaTicket: string };
      Object.assign(tab, { session: signedIn.token, ticket: signedIn.mediaTicket });
    };
    return { host, server, auth: key, call, tab, signInAsOwner };
  }

  it('prints an address whose key stays in the fragment, sets no cookie, and takes credentials only from headers', async () => {
    const { server, call, signInAsOwner } = await start();
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/#key=${server.ownerKey}$`));
    // The page itself is public (it holds no data) and sets no cookie, which a browser would send to every port of 127.0.0.1.
    const page = await send(server, '/');
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    // Without the key nothing about projects; with a wrong key neither.
    expect((await call('projects.current', {}, {})).error?.code).toBe('unauthenticated');
    expect(
      (
        await call(
          'projects.create',
          { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] },
          { [OWNER_KEY_HEADER]: 'x'.repeat(48) },
        )
      ).error?.code,
    ).toBe('forbidden');
    expect((await call('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] })).ok).toBe(true);
    // Project data needs a session: the key alone opens projects, it does not read them.
    expect((await call('samples.list', {})).error?.code).toBe('unauthenticated');
    await signInAsOwner();
    expect((await call('samples.list', {})).ok).toBe(true);
    expect((await call('samples.list', {}, { authorization: 'Bearer not-a-session' })).error).toEqual({
      code: 'unauthenticated',
      message: 'Your session has ended. Sign in again.',
    });
  });

  it('answers a malformed address with 400 and an oversized call with 413 before reading it', async () => {
    const { server, auth } = await start();
    expect((await send(server, '/api/call/%E0%A4%A')).status).toBe(400);
    const big = await send(server, '/api/call/app.info', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: 'x'.repeat(9 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    expect(big.body.toString()).toMatch(/Call too large/);
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
    expect(await call('app.info', {})).toEqual({
      ok: true,
      value: { version: expect.any(String), host: 'web', capabilities: { pickFolder: false, serverWindows: false } },
    });
    expect((await call('projects.create', { kind: 'bbox' })).error?.code).toBe('invalid_argument');
    const garbled = await send(server, '/api/call/app.info', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{not json' });
    expect(JSON.parse(garbled.body.toString())).toEqual({ ok: false, error: { code: 'invalid_argument', message: 'The call body is not valid JSON.' } });
    expect((await send(server, '/api/call/app.info', { method: 'POST', headers: auth, body: 'x' })).status).toBe(415);
  });

  it('serves registered media only, to a live session, with byte ranges for seeking', async () => {
    const { server, call, tab, signInAsOwner } = await start();
    const media = tempDir();
    await writeImage(join(media, 'a.png'), 'png', 50, 40, 3);
    // Past the size a file is read whole at: it is streamed.
    await writeNoiseImage(join(media, 'b.png'), 400, 300);
    mkdirSync(join(media, 'sub'));
    const projectDir = join(tempDir(), 'p');
    await call('projects.create', { dir: projectDir, name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await signInAsOwner();
    const started = (await call('imports.start', { source: media })) as { value: { jobId: string } };
    for (;;) {
      const r = (await call('imports.get', { jobId: started.value.jobId })) as { value: { finishedAt: string | null } };
      if (r.value.finishedAt) break;
      await new Promise((res) => setTimeout(res, 20));
    }
    const list = (await call('samples.list', {})) as { value: { items: Array<{ id: number; byteSize: number; sha256: string }> } };
    const sample = list.value.items.find((item) => item.byteSize < 10_000)!;
    const large = list.value.items.find((item) => item.byteSize > 300_000)!;
    const bare = `/media/${mediaPath(sample, 'original')}`;
    expect((await send(server, bare)).status).toBe(404);
    expect((await send(server, `${bare}?ticket=${tab.ticket.split('.')[0]}.forged`)).status).toBe(404);
    const address = `${bare}?ticket=${tab.ticket}`;
    const whole = await send(server, address);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('image/png');
    expect(whole.body.length).toBe(sample.byteSize);
    const part = await send(server, address, { headers: { range: 'bytes=0-9' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-9/${sample.byteSize}`);
    expect(part.body).toEqual(whole.body.subarray(0, 10));
    expect((await send(server, address, { headers: { range: `bytes=${sample.byteSize + 5}-` } })).status).toBe(416);
    const streamed = await send(server, `/media/${mediaPath(large, 'original')}?ticket=${tab.ticket}`);
    expect(streamed.headers['content-length']).toBe(String(large.byteSize));
    expect(createHash('sha256').update(streamed.body).digest('hex')).toBe(large.sha256);
    // A card's thumbnail is the one the import made, from the project's own cache.
    const thumbnail = await send(server, `/media/${mediaPath(sample, 'thumbnail')}?ticket=${tab.ticket}`);
    expect(thumbnail.headers['content-type']).toBe('image/webp');
    expect(thumbnail.body).toEqual(readFileSync(join(projectDir, 'cache', 'thumbnails', `${sample.sha256}.webp`)));
    expect((await send(server, `/media/${mediaPath({ ...sample, id: sample.id + 99 }, 'original')}?ticket=${tab.ticket}`)).status).toBe(404);
    expect((await send(server, `/media/${mediaPath({ ...sample, sha256: 'f'.repeat(64) }, 'original')}?ticket=${tab.ticket}`)).status).toBe(404);
    // Signing out ends the ticket with the session.
    await call('session.signOut', {});
    expect((await send(server, address)).status).toBe(404);
    // Paths that try to climb out get the app's page, never the file they name.
    for (const path of ['/media/..%2F..%2Fetc%2Fpasswd/original', '/..%2F..%2F..%2Fetc%2Fpasswd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const reply = await send(server, path);
      expect(reply.body.toString()).not.toContain('root:');
      expect(reply.body.toString()).toContain('<title>Concord</title>');
    }
  });

  it("closes a tab's event stream when its session ends, and refuses the browser's reconnection", async () => {
    const { server, call, tab, signInAsOwner } = await start();
    await call('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await signInAsOwner();
    const address = `/api/events?ticket=${tab.ticket}`;
    const stream = await openStream(server, address);
    expect(stream.status).toBe(200);
    await call('session.signOut', {});
    expect(await stream.ended).toContain(': connected');
    expect((await send(server, address)).status).toBe(401);
  });
});

/** An event stream as a browser's EventSource opens it: the answer's status once its head arrives, and all it said once it ends. */
function openStream(server: WebServer, path: string): Promise<{ status: number; ended: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
      let said = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (said += chunk));
      resolve({ status: res.statusCode ?? 0, ended: new Promise((done) => res.on('end', () => done(said))) });
    });
    req.on('error', reject);
    req.end();
  });
}
