import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceHost } from '../../../electron/services/hosting/host';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { mediaPath } from '../../../shared/api/media-url';
import { contentOf, tamperSample } from '../../support/crafted-project';
import { writeImage, writeText } from '../../support/media-fixtures';
import { importAndWait, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/** A project folder is input from elsewhere: what its database says must not widen what the web host serves. */
describe('the web host serves media from a crafted project', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();
  const servers: WebServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  async function start() {
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Concord</title>');
    const host = newHost(tempDir());
    const dir = join(tempDir(), 'p');
    await host.ok('projects.create', { dir, name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    const photos = tempDir();
    await writeImage(join(photos, 'a.png'), 'png', 30, 20, 1);
    await importAndWait(host, photos, true);
    const sample = (await host.ok('samples.list', {})).items[0]!;
    const server = await startWebServer({ host: host as unknown as ServiceHost, rendererDir });
    servers.push(server);
    const { mediaTicket } = (await host.ok('session.current', {}))!;
    const get = (sampleRef: { id: number; sha256: string }) =>
      fetch(`http://127.0.0.1:${server.port}/media/${mediaPath(sampleRef, 'original')}?ticket=${encodeURIComponent(mediaTicket)}`);
    return { dir, sample, get };
  }

  it('sends images with nosniff and a sandbox policy', async () => {
    const { sample, get } = await start();
    const reply = await get(sample);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('image/png');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('content-security-policy')).toBe('sandbox');
  });

  it.each([['../../../../../../../../../../etc/passwd'], ['/etc/passwd']])('refuses a media path leading out of the project: %s', async (crafted) => {
    const { dir, sample, get } = await start();
    const claimed = contentOf('/etc/passwd');
    tamperSample(dir, sample.id, { media_path: crafted, ...claimed });
    const reply = await get({ id: sample.id, sha256: claimed.sha256 });
    expect([403, 404]).toContain(reply.status);
    expect(await reply.text()).not.toContain('root:');
  });

  it('refuses a symlink in the media folder that points outside it', async () => {
    const { dir, sample, get } = await start();
    const secret = join(tempDir(), 'secret.txt');
    writeText(secret, 'password=hunter2\n');
    const copied = join(dir, 'media', sample.sha256.slice(0, 2), `${sample.sha256}.png`);
    rmSync(copied);
    symlinkSync(secret, copied);
    const claimed = contentOf(secret);
    tamperSample(dir, sample.id, claimed);
    const reply = await get({ id: sample.id, sha256: claimed.sha256 });
    expect([403, 404]).toContain(reply.status);
    expect(await reply.text()).not.toContain('hunter2');
  });

  it.each([['text/html'], ['image/svg+xml']])('never serves a sample as %s', async (mimeType) => {
    const { dir, sample, get } = await start();
    tamperSample(dir, sample.id, { mime_type: mimeType });
    const reply = await get(sample);
    expect(reply.headers.get('content-type') ?? '').not.toContain(mimeType);
    if (reply.ok) expect(reply.headers.get('content-type')).toMatch(/^(image\/(png|jpeg|webp)|audio\/)/);
  });
});
