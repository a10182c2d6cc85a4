import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentOf, tamperSample } from './crafted-project';
import { writeImage, writeText } from './media-fixtures';
import { importAndWait, useServiceHost, type TestHost } from './service-host';
import { useTempDirs } from './temp-dir';

type SampleRef = { id: number; sha256: string };
/** Fetches a sample's original through the host under test, as its clients would. */
export type MediaGetter = (sample: SampleRef) => Promise<Response>;

/**
 * What every host that serves media must hold when the project folder was crafted by someone else:
 * what its database says never widens what is served. Each host (Electron's `concord-media://`,
 * the web host's `/media/`) runs the same cases through its own way in.
 */
export function describeCraftedProjectMedia(title: string, serveThrough: (host: TestHost) => Promise<MediaGetter>): void {
  describe(title, () => {
    const tempDir = useTempDirs();
    const newHost = useServiceHost();

    async function projectWithImage() {
      const host = newHost(tempDir());
      const dir = join(tempDir(), 'p');
      await host.ok('projects.create', { dir, name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
      const photos = tempDir();
      await writeImage(join(photos, 'a.png'), 'png', 30, 20, 1);
      await importAndWait(host, photos, true);
      const sample = (await host.ok('samples.list', {})).items[0]!;
      return { dir, sample, get: await serveThrough(host) };
    }

    it('sends images with nosniff and a sandbox policy', async () => {
      const { sample, get } = await projectWithImage();
      const reply = await get(sample);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('image/png');
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('content-security-policy')).toBe('sandbox');
    });

    it.each([['../../../../../../../../../../etc/passwd'], ['/etc/passwd']])('refuses a media path leading out of the project: %s', async (crafted) => {
      const { dir, sample, get } = await projectWithImage();
      const claimed = contentOf('/etc/passwd');
      tamperSample(dir, sample.id, { media_path: crafted, ...claimed });
      const reply = await get({ id: sample.id, sha256: claimed.sha256 });
      expect([403, 404]).toContain(reply.status);
      expect(await reply.text()).not.toContain('root:');
    });

    it('refuses a symlink in the media folder that points outside it', async () => {
      const { dir, sample, get } = await projectWithImage();
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
      const { dir, sample, get } = await projectWithImage();
      tamperSample(dir, sample.id, { mime_type: mimeType });
      const reply = await get(sample);
      expect(reply.headers.get('content-type') ?? '').not.toContain(mimeType);
      if (reply.ok) expect(reply.headers.get('content-type')).toMatch(/^(image\/(png|jpeg|webp)|audio\/)/);
    });
  });
}
