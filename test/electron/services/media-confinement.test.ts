import { readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../shared/domain/sample';
import { contentOf, tamperSample } from '../../support/crafted-project';
import { writeImage, writeText } from '../../support/media-fixtures';
import { SPLITS } from '../../support/dataset-splits';
import { importAndWait, openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describe('media are served only from the project media roots', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  async function projectWith(copyMedia: boolean): Promise<{ host: TestHost; dir: string; photos: string; sample: Sample }> {
    const photos = tempDir();
    await writeImage(join(photos, 'a.png'), 'png', 20, 10, 1);
    const host = newHost(tempDir());
    const dir = join(tempDir(), 'p');
    await host.ok('projects.create', { dir, name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, photos, copyMedia);
    const sample = (await host.ok('samples.list', {})).items[0]!;
    return { host, dir, photos, sample };
  }

  const original = (host: TestHost, sample: { id: number; sha256: string }) =>
    host.resolveMedia({ sampleId: sample.id, variant: 'original', sha256: sample.sha256 });

  it('serves copied and in-place media of the project', async () => {
    const copied = await projectWith(true);
    expect((await original(copied.host, copied.sample))?.mimeType).toBe('image/png');
    const inPlace = await projectWith(false);
    expect((await original(inPlace.host, inPlace.sample))?.path).toBe(join(inPlace.photos, 'a.png'));
  });

  it.each([['../../../../../../../../../../etc/passwd'], ['/etc/passwd']])('refuses a stored media path outside the roots: %s', async (mediaPath) => {
    const { host, dir, sample } = await projectWith(true);
    // Even with the hash and size the database claims matching the file, the path alone refuses it.
    const { sha256, byte_size } = contentOf('/etc/passwd');
    tamperSample(dir, sample.id, { media_path: mediaPath, sha256, byte_size });
    expect(await original(host, { id: sample.id, sha256 })).toBeNull();
    expect(await host.resolveMedia({ sampleId: sample.id, variant: 'display', sha256 })).toBeNull();
    expect((await host.ok('samples.get', { sampleId: sample.id })).mediaAvailable).toBe(false);
  });

  it('refuses a symlink inside the media folder that points outside it', async () => {
    const { host, dir, sample } = await projectWith(true);
    const secret = join(tempDir(), 'secret.txt');
    writeText(secret, 'password=hunter2\n');
    const copiedFile = join(dir, 'media', sample.sha256.slice(0, 2), `${sample.sha256}.png`);
    rmSync(copiedFile);
    symlinkSync(secret, copiedFile);
    tamperSample(dir, sample.id, contentOf(secret));
    expect(await original(host, { id: sample.id, sha256: contentOf(secret).sha256 })).toBeNull();
  });

  it('serves no thumbnail that a symlink in the project cache points out of the project', async () => {
    const { host, dir, sample } = await projectWith(true);
    const secret = join(tempDir(), 'secret.webp');
    writeText(secret, 'password=hunter2\n');
    const thumbnail = join(dir, 'cache', 'thumbnails', `${sample.sha256}.webp`);
    expect((await host.resolveMedia({ sampleId: sample.id, variant: 'thumbnail', sha256: sample.sha256 }))?.path).toBe(thumbnail);
    rmSync(thumbnail);
    symlinkSync(secret, thumbnail);
    // The card falls back to the checked original.
    expect(await host.resolveMedia({ sampleId: sample.id, variant: 'thumbnail', sha256: sample.sha256 })).toEqual(await original(host, sample));
  });

  it('refuses in-place media in a folder this project never imported from, until it is re-linked', async () => {
    const { host, dir, sample } = await projectWith(false);
    const elsewhere = tempDir();
    await writeImage(join(elsewhere, 'b.png'), 'png', 20, 10, 1);
    tamperSample(dir, sample.id, { media_path: join(elsewhere, 'b.png') });
    expect(await original(host, sample)).toBeNull();

    // Another machine (another settings folder) has not chosen this project's folders.
    await host.close();
    const other = newHost(tempDir());
    await other.ok('projects.open', { dir });
    expect((await other.ok('samples.list', {})).items[0]!.mediaAvailable).toBe(false);
    expect(await other.ok('media.relink', { folder: elsewhere })).toEqual({ relinked: 1, stillMissing: 0 });
    expect((await original(other, sample))?.path).toBe(join(elsewhere, 'b.png'));
  });

  it('checks the content against the sample hash, again whenever the file changes', async () => {
    const { host, photos, sample } = await projectWith(false);
    const file = join(photos, 'a.png');
    const good = readFileSync(file);
    expect(await original(host, sample)).not.toBeNull();
    await writeImage(file, 'png', 20, 10, 2);
    expect(await original(host, sample)).toBeNull();
    writeFileSync(file, good);
    // Same size as the refused file would be cached by size alone; the mtime tells them apart.
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(await original(host, sample)).not.toBeNull();
  });

  it.each([['text/html'], ['image/svg+xml'], ['application/javascript']])('never serves a sample as %s', async (mimeType) => {
    const { host, dir, sample } = await projectWith(true);
    tamperSample(dir, sample.id, { mime_type: mimeType });
    const file = await original(host, sample);
    expect(file?.mimeType ?? null).not.toBe(mimeType);
    expect(file === null || /^(image|audio)\//.test(file.mimeType)).toBe(true);
  });

  it('training reads no media outside the roots either', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const version = await host.ok('datasets.create', SPLITS);
    const victim = (await host.ok('train.crops', { version: version.version, size: 16 })).examples[0]!;
    const elsewhere = join(tempDir(), 'private.png');
    await writeImage(elsewhere, 'png', 640, 480, 9);
    tamperSample((await host.ok('projects.current', {}))!.dir, victim.sampleId, { media_path: elsewhere });
    const crops = await host.ok('train.crops', { version: version.version, size: 16 });
    expect(crops.problems).toEqual([{ fileName: victim.fileName, message: expect.stringMatching(/outside the project's media folders/) }]);
    expect(crops.examples.some((crop) => crop.sampleId === victim.sampleId)).toBe(false);
  });
});
