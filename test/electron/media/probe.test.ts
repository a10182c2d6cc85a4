import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIO_EXTENSIONS, IMAGE_EXTENSIONS, mediaKindOfPath, mimeTypeOfPath } from '../../../electron/media/mime';
import { probeMedia } from '../../../electron/media/probe';
import type { ProbeOptions, ProbeResult } from '../../../electron/media/probe';
import { REPO_ROOT } from '../../support/paths';
import { PERMISSION_BOUND_USER, callAsPermissionBoundUser } from '../../support/permission-bound-user';

let workDir: string;
let thumbnailDir: string;
let jpegBytes: Buffer;
let pngBytes: Buffer;

const imageProject: ProbeOptions = { kind: 'image' };
const PROBE_MODULE = join(REPO_ROOT, 'electron', 'media', 'probe.ts');

function file(name: string, bytes: Buffer | string = ''): string {
  const path = join(workDir, name);
  writeFileSync(path, bytes);
  return path;
}

function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function expectOk(result: ProbeResult): Extract<ProbeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got rejection: ${result.reason}`);
  return result;
}

function expectRejected(result: ProbeResult, reason: RegExp): void {
  expect(result.ok ? 'accepted' : result.reason).toMatch(reason);
}

const colourImage = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 200, g: 40, b: 90, alpha: 0.5 } } });

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'concord-probe-'));
  thumbnailDir = join(workDir, 'thumbnails');
  jpegBytes = await colourImage(1000, 800).jpeg({ quality: 85 }).toBuffer();
  pngBytes = await colourImage(300, 200, 4).png().toBuffer();
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('extension table', () => {
  it('lists the accepted extensions and maps them case-insensitively', () => {
    expect(IMAGE_EXTENSIONS).toEqual(['.jpg', '.jpeg', '.png', '.webp']);
    expect(AUDIO_EXTENSIONS).toEqual(['.wav', '.mp3', '.flac', '.ogg']);
    expect(mediaKindOfPath('/a/B.JPeG')).toBe('image');
    expect(mediaKindOfPath('song.Mp3')).toBe('audio');
    expect(mediaKindOfPath('anim.gif')).toBeNull();
    expect(mediaKindOfPath('README')).toBeNull();
    expect(mimeTypeOfPath('x.webp')).toBe('image/webp');
    expect(mimeTypeOfPath('x.WAV')).toBe('audio/wav');
    expect(mimeTypeOfPath('x.txt')).toBeNull();
  });
});

describe('probeMedia on good images', () => {
  it('describes a JPEG, hashes its bytes and writes a thumbnail named by the hash', async () => {
    const path = file('photo.jpg', jpegBytes);
    const result = expectOk(await probeMedia(path, { kind: 'image', thumbnailDir }));
    expect(result).toMatchObject({
      byteSize: jpegBytes.length,
      mediaKind: 'image',
      mimeType: 'image/jpeg',
      image: { width: 1000, height: 800 },
      audio: null,
    });
    expect(result.sha256).toBe(sha256Of(path));
    expect(result.thumbnailPath).toBe(join(thumbnailDir, `${result.sha256}.webp`));
    const thumbnail = await sharp(result.thumbnailPath ?? '').metadata();
    expect(thumbnail.format).toBe('webp');
    expect([thumbnail.width, thumbnail.height]).toEqual([256, 205]);
  });

  it('describes PNG (with alpha) and WebP images', async () => {
    const png = expectOk(await probeMedia(file('alpha.png', pngBytes), imageProject));
    expect(png).toMatchObject({ mimeType: 'image/png', image: { width: 300, height: 200 }, thumbnailPath: null });
    const webpBytes = await colourImage(640, 480).webp().toBuffer();
    const webp = expectOk(await probeMedia(file('frame.webp', webpBytes), { kind: 'image', thumbnailDir }));
    expect(webp).toMatchObject({ mimeType: 'image/webp', image: { width: 640, height: 480 } });
    const thumbnail = await sharp(webp.thumbnailPath ?? '').metadata();
    expect(Math.max(thumbnail.width, thumbnail.height)).toBe(256);
  });

  it('keeps a thumbnail that already exists, and never enlarges small images', async () => {
    const path = file('small.png', await colourImage(40, 30).png().toBuffer());
    mkdirSync(thumbnailDir, { recursive: true });
    const existing = join(thumbnailDir, `${sha256Of(path)}.webp`);
    writeFileSync(existing, 'already here');
    expectOk(await probeMedia(path, { kind: 'image', thumbnailDir }));
    expect(readFileSync(existing, 'utf8')).toBe('already here');

    rmSync(existing);
    const fresh = expectOk(await probeMedia(path, { kind: 'image', thumbnailDir }));
    const thumbnail = await sharp(fresh.thumbnailPath ?? '').metadata();
    expect([thumbnail.width, thumbnail.height]).toEqual([40, 30]);
  });

  it('reports dimensions as displayed, after EXIF orientation', async () => {
    const rotated = await colourImage(300, 100).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const result = expectOk(await probeMedia(file('portrait.jpg', rotated), { kind: 'image', thumbnailDir }));
    expect(result.image).toEqual({ width: 100, height: 300 });
    const thumbnail = await sharp(result.thumbnailPath ?? '').metadata();
    expect([thumbnail.width, thumbnail.height]).toEqual([85, 256]);
  });

  it('handles non-ASCII names and upper-case extensions', async () => {
    const result = expectOk(await probeMedia(file('café_ü_日本.png', pngBytes), { kind: 'image', thumbnailDir }));
    expect(result.image).toEqual({ width: 300, height: 200 });
    expectOk(await probeMedia(file('SHOUTY.JPG', jpegBytes), imageProject));
  });

  it('tolerates a JPEG warning that cameras produce, stray bytes before a marker', async () => {
    const startOfScan = jpegBytes.indexOf(Buffer.from([0xff, 0xda]));
    const stray = Buffer.concat([jpegBytes.subarray(0, startOfScan), Buffer.from([1, 2, 3]), jpegBytes.subarray(startOfScan)]);
    expectOk(await probeMedia(file('stray-bytes.jpg', stray), imageProject));
  });

  it('accepts an image whose content is another supported image format, with the real MIME type', async () => {
    const result = expectOk(await probeMedia(file('actually-jpeg.png', jpegBytes), imageProject));
    expect(result.mimeType).toBe('image/jpeg');
  });

  it('probes a 20000×20000 image with bounded memory', { timeout: 60_000 }, async () => {
    const path = join(workDir, 'huge.png');
    await sharp({
      limitInputPixels: false,
      create: { width: 20_000, height: 20_000, channels: 3, background: '#0a78c8' },
    })
      .extractChannel(0)
      .png({ compressionLevel: 9 })
      .toFile(path);
    expect(statSync(path).size).toBeLessThan(1024 * 1024);

    const peakKilobytesBefore = process.resourceUsage().maxRSS;
    const result = expectOk(await probeMedia(path, { kind: 'image', thumbnailDir }));
    const peakGrowthMegabytes = (process.resourceUsage().maxRSS - peakKilobytesBefore) / 1024;

    expect(result.image).toEqual({ width: 20_000, height: 20_000 });
    // Holding the decoded image would take 400 MB (one byte per pixel); streaming takes a few.
    expect(peakGrowthMegabytes).toBeLessThan(200);
    const thumbnail = await sharp(result.thumbnailPath ?? '').metadata();
    expect([thumbnail.width, thumbnail.height]).toEqual([256, 256]);
  });
});

describe('probeMedia on bad images', () => {
  it('rejects a truncated JPEG, PNG or WebP even without a thumbnail directory', async () => {
    const cut = (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length * 0.6));
    const webpBytes = await colourImage(640, 480).webp().toBuffer();
    expectRejected(await probeMedia(file('cut.jpg', cut(jpegBytes)), imageProject), /truncated or corrupt JPEG.*premature end/);
    expectRejected(await probeMedia(file('cut.png', cut(pngBytes)), imageProject), /truncated or corrupt PNG/);
    expectRejected(await probeMedia(file('cut.webp', cut(webpBytes)), imageProject), /truncated or corrupt WebP/);
  });

  it('names what a mislabelled file really is', async () => {
    expectRejected(await probeMedia(file('notes.png', 'just some notes\n'), imageProject), /not a PNG image.*contains text/);
    const gif = await colourImage(10, 10).gif().toBuffer();
    expectRejected(await probeMedia(file('anim.png', gif), imageProject), /file is a GIF image but is named \.png/);
    expectRejected(await probeMedia(file('noise.jpg', Buffer.from([1, 2, 3, 0, 255, 7])), imageProject), /not a JPEG image/);
  });

  it('rejects unsupported extensions, listing the accepted ones', async () => {
    const gif = await colourImage(10, 10).gif().toBuffer();
    expectRejected(await probeMedia(file('anim.gif', gif), imageProject), /unsupported file type \.gif.*\.jpg, \.jpeg, \.png, \.webp/);
    expectRejected(await probeMedia(file('no-extension', jpegBytes), imageProject), /unsupported file type.*no extension/);
  });

  it('rejects the other kind of media by extension', async () => {
    expectRejected(await probeMedia(file('voice.wav', jpegBytes), imageProject), /audio file in an image project/);
    expectRejected(await probeMedia(file('photo2.jpg', jpegBytes), { kind: 'audio' }), /image file in an audio project/);
  });

  it('rejects empty, missing, folder and unreadable paths', async () => {
    expectRejected(await probeMedia(file('empty.png'), imageProject), /empty file \(0 bytes\)/);
    expectRejected(await probeMedia(join(workDir, 'missing.png'), imageProject), /file not found/);
    mkdirSync(join(workDir, 'folder.png'));
    expectRejected(await probeMedia(join(workDir, 'folder.png'), imageProject), /not a file.*folder/);
  });

  // Root reads files regardless of their mode: as root the probe runs as user nobody instead.
  it.skipIf(PERMISSION_BOUND_USER === null)(
    'rejects a file it may not read (as user nobody when run as root; skipped as root without runuser or nobody)',
    { timeout: 60_000 },
    async () => {
      const folder = join(workDir, 'shared');
      mkdirSync(folder, { mode: 0o755 });
      chmodSync(workDir, 0o755);
      const readable = join(folder, 'readable.png');
      const locked = join(folder, 'locked.png');
      writeFileSync(readable, pngBytes, { mode: 0o644 });
      writeFileSync(locked, pngBytes, { mode: 0o000 });
      const probe = (path: string) => callAsPermissionBoundUser(PROBE_MODULE, 'probeMedia', [path, imageProject]) as Promise<ProbeResult>;
      // The same user reads a file with the same content beside it: only the file's mode differs.
      expectOk(await probe(readable));
      expectRejected(await probe(locked), /cannot read file: permission denied/);
    },
  );

  it('fails, rather than silently skipping it, when the thumbnail cannot be saved', async () => {
    const notAFolder = file('not-a-folder', 'x');
    const result = await probeMedia(file('fine.png', pngBytes), {
      kind: 'image',
      thumbnailDir: join(notAFolder, 'thumbs'),
    });
    expectRejected(result, /cannot save thumbnail/);
  });

  it('aborts with an AbortError instead of returning a reason', async () => {
    const controller = new AbortController();
    controller.abort();
    const probe = probeMedia(file('aborted.jpg', jpegBytes), { kind: 'image', signal: controller.signal });
    await expect(probe).rejects.toMatchObject({ name: 'AbortError' });
  });
});
