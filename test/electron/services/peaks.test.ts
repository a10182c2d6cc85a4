import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peakCount } from '../../../shared/media/peaks';
import { writeImage, writeWav } from '../../support/media-fixtures';
import { importAndWait, useServiceHost } from '../../support/service-host';
import type { TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describe('waveform peaks as a media variant', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  async function importedSample(host: TestHost, name: string) {
    const sample = (await host.ok('samples.list', {})).items.find((item) => item.displayName === name);
    if (!sample) throw new Error(`${name} was not imported`);
    return sample;
  }

  it('computes the peaks of an audio sample once, in a worker, and serves the cached file after', async () => {
    const media = tempDir();
    writeWav(join(media, 'hello.wav'), 1500, 16_000);
    const host = newHost(tempDir());
    const project = await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'Speech', kind: 'transcript' });
    await importAndWait(host, media);
    const hello = await importedSample(host, 'hello.wav');
    const address = { sampleId: hello.id, variant: 'peaks', sha256: hello.sha256 } as const;

    // Two requests at once share one computation.
    const [first, concurrent] = await Promise.all([host.resolveMedia(address), host.resolveMedia(address)]);
    expect(first).toEqual({ path: join(project.dir, 'cache', 'peaks', `${hello.sha256}.peaks`), mimeType: 'application/octet-stream' });
    expect(concurrent).toEqual(first);
    const peaks = readFileSync(first!.path);
    expect(peaks.length).toBe(peakCount(hello.audio!.durationMs));
    expect(peaks.every((value) => value > 0)).toBe(true);

    const written = statSync(first!.path).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await host.resolveMedia(address)).toEqual(first);
    expect(statSync(first!.path).mtimeMs).toBe(written);
  });

  it('answers "no such media" for undecodable audio and for images, without throwing', async () => {
    const media = tempDir();
    writeWav(join(media, 'soon-broken.wav'), 500, 16_000);
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'Speech', kind: 'transcript' });
    await importAndWait(host, media);
    const sample = await importedSample(host, 'soon-broken.wav');
    // Overwritten after import: the address still matches the row, but the content is no
    // longer the sample's, so it is refused before anything tries to decode it.
    writeFileSync(join(media, 'soon-broken.wav'), 'RIFF\0\0\0\0WAVEfmt ');
    expect(await host.resolveMedia({ sampleId: sample.id, variant: 'peaks', sha256: sample.sha256 })).toBeNull();

    const images = tempDir();
    await writeImage(join(images, 'a.png'), 'png', 32, 32, 1);
    const imageHost = newHost(tempDir());
    await imageHost.ok('projects.create', { dir: join(tempDir(), 'q'), name: 'Pictures', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(imageHost, images);
    const image = await importedSample(imageHost, 'a.png');
    expect(await imageHost.resolveMedia({ sampleId: image.id, variant: 'peaks', sha256: image.sha256 })).toBeNull();
  });
});
