import { readFileSync, statSync } from 'node:fs';
import { checkAudio } from './audio';
import type { AudioInfo, AudioSource } from './audio';
import { fileErrorReason, isFileSystemError, shortErrorMessage } from './error-reasons';
import { sha256File, sha256Of } from './hash';
import { identifyFormat } from './identify';
import { MEDIA_FORMATS } from './mime';
import type { MediaFormat, MediaKind } from './mime';
import { DecodeGate } from './decode-gate';
import { decodeImage, saveThumbnail } from './thumbnail';
import type { DecodedImage } from './thumbnail';

export type { MediaKind } from './mime';

export interface ProbeOptions {
  /** What the project accepts. */
  kind: MediaKind;
  /** For images: where `<sha256>.webp` thumbnails go (written only if not there yet). */
  thumbnailDir?: string;
  /** Aborts long work (hashing or scanning a huge file) promptly. */
  signal?: AbortSignal;
}

export type ProbeResult =
  | {
      ok: true;
      sha256: string;
      byteSize: number;
      mediaKind: MediaKind;
      mimeType: string;
      image: { width: number; height: number } | null;
      audio: { durationMs: number; sampleRate: number; channels: number } | null;
      thumbnailPath: string | null;
    }
  /** `diskFull`: the file is fine but the project's disk is not; the import stops rather than skip the rest. */
  | { ok: false; reason: string; diskFull?: true };

type Rejection = Extract<ProbeResult, { ok: false }>;

const reject = (reason: string): Rejection => ({ ok: false, reason });

/**
 * Images up to this size are read once, then sniffed, decoded and hashed from memory: for
 * the many small files of a dataset the cost is per file, not per byte, and reading each
 * file three times (head, decode, hash) was most of it. Larger files are streamed.
 */
const READ_WHOLE_MAX_BYTES = 16 * 1024 * 1024;

type Decoded = { ok: true; image: DecodedImage; audio: null } | { ok: true; image: null; audio: AudioInfo } | Rejection;

/**
 * Checks that a file is media a labeler can use, and describes it.
 *
 * Never rejects for a bad or unreadable file: it resolves `{ ok: false, reason }`.
 * It rejects only when `options.signal` aborts, with an error named "AbortError",
 * so an import pipeline cannot mistake a cancelled import for a bad file.
 */
export async function probeMedia(path: string, options: ProbeOptions): Promise<ProbeResult> {
  try {
    return await probeOrReject(path, options);
  } catch (error) {
    if (options.signal?.aborted) throw cancelled(options.signal);
    // Typically the file vanished or became unreadable mid-probe.
    if (isFileSystemError(error)) return reject(fileErrorReason(error));
    return reject(`unexpected error: ${shortErrorMessage(error)}`);
  }
}

async function probeOrReject(path: string, { kind, thumbnailDir, signal }: ProbeOptions): Promise<ProbeResult> {
  throwIfAborted(signal);
  const file = regularFileSize(path);
  if (!file.ok) return file;
  const whole = kind === 'image' && file.byteSize <= READ_WHOLE_MAX_BYTES && file.byteSize > 0 ? readWhole(path) : null;
  if (whole && !whole.ok) return whole;
  const bytes = whole?.bytes;
  // What is checked and hashed is what was read, should the file have changed since its size was taken.
  const byteSize = bytes?.length ?? file.byteSize;
  const identified = await identifyFormat(path, kind, byteSize, bytes);
  if (!identified.ok) return identified;
  const { format } = identified;

  throwIfAborted(signal);
  // Validate before hashing, so a bad file is rejected without reading all of it.
  const decoded = kind === 'image' ? await decodeImageOrReject(bytes ?? path, format) : await checkAudioOrReject({ path, format, byteSize, signal });
  if (!decoded.ok) return decoded;
  const sha256 = bytes ? sha256Of(bytes) : await sha256File(path, signal);

  let thumbnailPath: string | null = null;
  if (decoded.image && thumbnailDir !== undefined) {
    throwIfAborted(signal);
    try {
      thumbnailPath = saveThumbnail(thumbnailDir, sha256, decoded.image.thumbnailWebp);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT') return { ok: false, reason: 'cannot save thumbnail: the disk is full', diskFull: true };
      // The file is fine, but an import that silently lacks thumbnails is worse than a clear failure.
      return reject(`cannot save thumbnail: ${shortErrorMessage(error)}`);
    }
  }

  return {
    ok: true,
    sha256,
    byteSize,
    mediaKind: kind,
    mimeType: MEDIA_FORMATS[format].mimeType,
    image: decoded.image && { width: decoded.image.width, height: decoded.image.height },
    audio: decoded.audio,
    thumbnailPath,
  };
}

/*
 * The small reads here are synchronous: the probe runs in its own worker, once per imported
 * file, and a thread-pool round trip costs more than reading a few kilobytes.
 */
function regularFileSize(path: string): { ok: true; byteSize: number } | Rejection {
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) return reject('not a file: it is a folder');
    if (!stats.isFile()) return reject('not a regular file');
    return { ok: true, byteSize: stats.size };
  } catch (error) {
    return reject(fileErrorReason(error));
  }
}

function readWhole(path: string): { ok: true; bytes: Buffer } | Rejection {
  try {
    return { ok: true, bytes: readFileSync(path) };
  } catch (error) {
    return reject(fileErrorReason(error));
  }
}

const decodes = new DecodeGate();

/** What sharp says when libvips's message was cleared by another decode before it was read. */
const LOST_REASON = 'Unknown error';

/** `source`: the image's path, or its bytes when they were read whole. */
async function decodeImageOrReject(source: string | Buffer, format: MediaFormat): Promise<Decoded> {
  const label = MEDIA_FORMATS[format].label;
  try {
    let image: DecodedImage;
    try {
      image = await decodes.together(() => decodeImage(source));
    } catch (error) {
      if (!(error instanceof Error && error.message === LOST_REASON)) throw error;
      // Alone, the decode fails again with its real reason: the first report must be the true one.
      image = await decodes.alone(() => decodeImage(source));
    }
    if (image.width <= 0 || image.height <= 0) return reject(`corrupt ${label}: zero width or height`);
    return { ok: true, image, audio: null };
  } catch (error) {
    return reject(`truncated or corrupt ${label}: ${shortErrorMessage(error)}`);
  }
}

async function checkAudioOrReject(source: AudioSource): Promise<Decoded> {
  const checked = await checkAudio(source);
  return checked.ok ? { ok: true, image: null, audio: checked.audio } : checked;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled(signal);
}

function cancelled(signal: AbortSignal): Error {
  const error = new Error('media probe cancelled', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
