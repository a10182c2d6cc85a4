import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { catalogueFailureStore } from '../../../electron/db/server-catalogue';
import { recordFailure } from '../../../electron/services/auth/throttle';
import { openTeamServer } from '../../../electron/services/team/server-projects';
import { mediaPath } from '../../../shared/api/media-url';
import { contentOf } from '../../support/crafted-project';
import { writeImage, writeText } from '../../support/media-fixtures';
import { sendRaw } from '../../support/raw-http';
import { usePostgresUrls, type ReservedDatabase } from '../../support/postgres';
import { importAndWait, useServiceHost } from '../../support/service-host';
import { startConcordServe, type RunningServer } from '../../support/team-server';
import { useTempDirs } from '../../support/temp-dir';

async function callApi(base: string, name: string, arg: unknown, headers: Record<string, string> = {}, ca?: Buffer) {
  const reply = await sendRaw(base, `/api/call/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(arg),
    ...(ca ? { ca } : {}),
  });
  return JSON.parse(reply.body.toString()) as { ok: true; value: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };
}

const PASSWORD = 'ana has a long password';

describe('concord serve, run as a process', () => {
  const tempDir = useTempDirs();
  const reserveDatabase = usePostgresUrls();
  const newHost = useServiceHost('postgres');
  const servers: RunningServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
  });

  /** A team database with a project whose media root holds one imported image, and an SME account "ana". */
  async function teamProject(): Promise<{ database: ReservedDatabase; mediaRoot: string; image: string; sample: { id: number; sha256: string } }> {
    const database = reserveDatabase();
    await database.ready;
    const mediaRoot = join(tempDir(), 'media-root');
    const setup = newHost(tempDir(), { teamDatabase: database.url });
    await setup.ok('projects.create', { dir: mediaRoot, name: 'Street', kind: 'bbox', classes: [{ name: 'car' }] });
    const photos = join(mediaRoot, 'photos');
    mkdirSync(photos);
    const image = join(photos, 'a.png');
    await writeImage(image, 'png', 64, 48, 1);
    expect((await importAndWait(setup, photos)).imported).toBe(1);
    await setup.ok('labelers.create', { name: 'ana', role: 'sme', password: PASSWORD });
    const sample = (await setup.ok('samples.list', {})).items[0]!;
    return { database, mediaRoot, image, sample };
  }

  async function serve(args: string[]): Promise<RunningServer> {
    const server = await startConcordServe([...args, '--listen', '127.0.0.1:0'], tempDir());
    servers.push(server);
    return server;
  }

  async function signIn(url: string, headers: Record<string, string> = {}, ca?: Buffer): Promise<{ token: string; mediaTicket: string }> {
    const result = await callApi(url, 'session.signIn', { method: 'password', name: 'ana', password: PASSWORD }, headers, ca);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { token: string; mediaTicket: string };
  }

  it('serves a team database: the UI and the API, to accounts only, and never to another Host or Origin', async () => {
    const { database, mediaRoot } = await teamProject();
    const server = await serve(['--database', database.url, '--media-root', mediaRoot]);
    // No owner key: nobody is "the person at this computer" on a team server.
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const page = await sendRaw(server.url, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body.toString()).toContain('<div id="root">');

    const { token } = await signIn(server.url);
    const listed = await callApi(server.url, 'samples.list', {}, { authorization: `Bearer ${token}` });
    expect(listed.ok && (listed.value['items'] as unknown[]).length).toBe(1);
    // Whatever key a caller sends, nobody continues as the owner or switches the server's project.
    const asOwner = await callApi(server.url, 'session.signIn', { method: 'owner' }, { 'x-concord-key': 'a'.repeat(48) });
    expect(asOwner.ok ? 'signed in' : asOwner.error.code).toBe('forbidden');
    const open = await callApi(server.url, 'projects.open', { dir: mediaRoot }, { authorization: `Bearer ${token}` });
    expect(open.ok ? 'opened' : open.error.code).toBe('forbidden');

    const port = new URL(server.url).port;
    expect((await sendRaw(server.url, '/', { headers: { host: `attacker.example:${port}` } })).status).toBe(403);
    const forged = await sendRaw(server.url, '/api/call/samples.list', {
      method: 'POST',
      headers: { origin: 'http://attacker.example', 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    expect(await server.stop()).toBe(0);
  });

  it('serves media from the media root with range requests, and nothing outside it, not even through a symlink', async () => {
    const { database, mediaRoot, image, sample } = await teamProject();
    const server = await serve(['--database', database.url, '--media-root', mediaRoot]);
    const { mediaTicket } = await signIn(server.url);
    const get = (ref: { id: number; sha256: string }, headers: Record<string, string> = {}) =>
      sendRaw(server.url, `/media/${mediaPath(ref, 'original')}?ticket=${encodeURIComponent(mediaTicket)}`, { headers });

    const bytes = readFileSync(image);
    const part = await get(sample, { range: 'bytes=8-23' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 8-23/${bytes.length}`);
    expect(part.body).toEqual(bytes.subarray(8, 24));
    expect((await get(sample)).body).toEqual(bytes);

    // A row pointed at a file outside the root, its hash and size matching, is still refused.
    const secret = join(tempDir(), 'secret.txt');
    writeText(secret, 'password=hunter2\n');
    const claimed = contentOf(secret);
    const client = new pg.Client(database.config);
    await client.connect();
    try {
      await client.query('UPDATE sample SET media_path = $1, sha256 = $2, byte_size = $3 WHERE id = $4', [
        secret,
        claimed.sha256,
        claimed.byte_size,
        sample.id,
      ]);
      const outside = await get({ id: sample.id, sha256: claimed.sha256 });
      expect(outside.status).toBe(404);
      expect(outside.body.toString()).not.toContain('hunter2');
      // The same through a link inside the root that leads out of it.
      const link = join(mediaRoot, 'photos', 'link.txt');
      symlinkSync(secret, link);
      await client.query('UPDATE sample SET media_path = $1 WHERE id = $2', [link, sample.id]);
      const linked = await get({ id: sample.id, sha256: claimed.sha256 });
      expect(linked.status).toBe(404);
      expect(linked.body.toString()).not.toContain('hunter2');
      unlinkSync(link);
    } finally {
      await client.end();
    }
  });

  it('serves HTTPS with the given certificate, and tells browsers to keep to it', async () => {
    const { database, mediaRoot } = await teamProject();
    const tls = tempDir();
    const [cert, key] = [join(tls, 'cert.pem'), join(tls, 'key.pem')];
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      {
        stdio: 'ignore',
      },
    );
    const server = await serve(['--database', database.url, '--media-root', mediaRoot, '--tls-cert', cert, '--tls-key', key]);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
    const ca = readFileSync(cert);
    const page = await sendRaw(server.url, '/', { ca });
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    expect((await signIn(server.url, {}, ca)).token).toMatch(/\w/);
    // The certificate is what a client checks: without trusting it, nothing is exchanged.
    await expect(sendRaw(server.url, '/')).rejects.toThrow(/self-signed|certificate/);
  });

  it('counts sign-ins against the forwarded address only with --trust-proxy', async () => {
    const { database, mediaRoot } = await teamProject();
    // Someone behind the proxy at 10.0.0.1 has already guessed wrong often enough to be locked out.
    // A team server counts failed sign-ins in its catalogue, for all its projects.
    const catalogue = await openTeamServer(database.url);
    try {
      for (let n = 0; n < 30; n++) await recordFailure(catalogueFailureStore(catalogue), [{ kind: 'address', address: '10.0.0.1' }], Date.now());
    } finally {
      await catalogue.close();
    }
    const signInFrom = (url: string, forwardedFor: string) =>
      callApi(url, 'session.signIn', { method: 'password', name: 'ana', password: PASSWORD }, { 'x-forwarded-for': `203.0.113.9, ${forwardedFor}` });

    // Without --trust-proxy the header is anyone's to write: the connection's own address counts.
    const direct = await serve(['--database', database.url, '--media-root', mediaRoot]);
    expect((await signInFrom(direct.url, '10.0.0.1')).ok).toBe(true);
    const notSecure = await sendRaw(direct.url, '/', { headers: { 'x-forwarded-proto': 'https' } });
    expect(notSecure.headers['strict-transport-security']).toBeUndefined();
    await direct.stop();

    // Behind the proxy, the address it vouches for (the last one) counts: 10.0.0.1 waits, 10.0.0.2 does not.
    const proxied = await serve(['--database', database.url, '--media-root', mediaRoot, '--trust-proxy', '--public-url', 'https://labels.example.org']);
    const locked = await signInFrom(proxied.url, '10.0.0.1');
    expect(locked.ok ? 'signed in' : locked.error.message).toMatch(/Too many failed sign-ins for this computer/);
    expect((await signInFrom(proxied.url, '10.0.0.2')).ok).toBe(true);
    // The proxy's public name passes the Host and Origin checks; the forwarded scheme marks the answer secure.
    const viaProxy = await sendRaw(proxied.url, '/', {
      headers: { host: 'labels.example.org', origin: 'https://labels.example.org', 'x-forwarded-proto': 'https' },
    });
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('serves a local project folder with the owner key, as npm run web does', async () => {
    const dir = join(tempDir(), 'local');
    const quiet = { out: () => undefined, err: () => undefined, progress: () => undefined, readStdin: async () => '' };
    expect(await runCli(['init', dir, '--kind', 'bbox', '--name', 'Local', '--classes', 'car'], quiet, tempDir())).toBe(0);
    const server = await serve(['--project', dir]);
    const key = /#key=([0-9a-f]+)$/.exec(server.url)?.[1];
    expect(key).toBeDefined();
    const owner = await callApi(server.url, 'session.signIn', { method: 'owner' }, { 'x-concord-key': key! });
    expect(owner.ok).toBe(true);
    const current = await callApi(server.url, 'projects.current', {}, { 'x-concord-key': key! });
    expect(current.ok && current.value['name']).toBe('Local');
  });

  it('refuses wrong options with exit code 1 and says why, before listening', async () => {
    const { database, mediaRoot } = await teamProject();
    const empty = reserveDatabase();
    await empty.ready;
    const cases: Array<[string[], RegExp]> = [
      [['--database', database.url], /needs --media-root DIR/],
      [['--database', database.url, '--media-root', join(tempDir(), 'nowhere')], /media root .* does not exist/],
      [['--database', database.url, '--media-root', mediaRoot, '--listen', 'localhost:99999'], /--listen takes HOST:PORT/],
      [['--database', database.url, '--media-root', mediaRoot, '--tls-cert', join(mediaRoot, 'none.pem')], /--tls-cert and --tls-key go together/],
      [
        ['--database', database.url, '--media-root', mediaRoot, '--tls-cert', join(mediaRoot, 'none.pem'), '--tls-key', join(mediaRoot, 'none.pem')],
        /Cannot read the TLS certificate .*none\.pem: no such file/,
      ],
      [['--database', database.url, '--media-root', mediaRoot, '--public-url', 'https://labels.example.org/concord'], /origin only/],
      [['--database', empty.url, '--media-root', mediaRoot], /holds no project yet\. Create it first: concord projects create/],
      [['--project', mediaRoot, '--database', database.url], /not both/],
      [[], /Give --database URL --media-root DIR/],
    ];
    for (const [args, message] of cases) {
      const errors: string[] = [];
      const io = { out: () => undefined, err: (text: string) => errors.push(text), progress: () => undefined, readStdin: async () => '' };
      expect(await runCli(['serve', ...args], io, tempDir()), args.join(' ')).toBe(1);
      expect(errors.join('\n')).toMatch(message);
    }
  });
});
