import { createReadStream, openAsBlob } from 'node:fs';
import { parseBlob, parseStream } from 'music-metadata';
import type { IFormat } from 'music-metadata';
import { MEDIA_FORMATS } from './mime';
import type { MediaFormat } from './mime';
import { shortErrorMessage } from './error-reasons';
import { readWavDataChunk } from './wav-data-chunk';

export interface AudioInfo {
  durationMs: number;
  sampleRate: number;
  channels: number;
}

export type AudioCheck = { ok: true; audio: AudioInfo } | { ok: false; reason: string };

// Outside these bounds a header field is garbage, not an exotic recording.
const MIN_SAMPLE_RATE = 1000;
const MAX_SAMPLE_RATE = 1_000_000;
const MAX_CHANNELS = 256;

export interface AudioSource {
  path: string;
  /** The format the content really is, which may differ from the file's extension. */
  format: MediaFormat;
  byteSize: number;
  signal?: AbortSignal;
}

/** Reads the audio properties, rejecting files a labeler could not listen to in full. */
export async function checkAudio(source: AudioSource): Promise<AudioCheck> {
  if (source.format === 'wav') {
    const dataChunk = await readWavDataChunk(source.path, source.byteSize);
    if (dataChunk && dataChunk.declaredBytes > dataChunk.presentBytes) {
      // Rejected rather than accepted at the shorter length: a cut-off recording is
      // almost always an interrupted copy, and the labeler should get the whole file.
      return {
        ok: false,
        reason: `truncated WAV: header says ${dataChunk.declaredBytes} bytes of audio, file has ${dataChunk.presentBytes}`,
      };
    }
  }
  let format: IFormat;
  try {
    format = await parseAudioFormat(source);
  } catch (error) {
    if (source.signal?.aborted) throw error;
    return { ok: false, reason: `corrupt or unsupported audio: ${shortErrorMessage(error)}` };
  }
  return validateFormat(format);
}

/** Large reads make a sequential scan of a long MP3 or Ogg file several times faster. */
const STREAM_CHUNK_BYTES = 1024 * 1024;

/**
 * Parses with the parser of the real format: `parseFile` would pick it from the
 * extension and fail on, say, an MP3 named .wav.
 *
 * WAV and FLAC state their length in the header, so they are read with random
 * access, which skips gigabytes of samples. MP3 and Ogg may need a scan of every
 * frame or page (an MP3 without a Xing header does); music-metadata does that with
 * many small reads, which on a 30-minute VBR MP3 took 15-30 s with random access
 * but about 1 s from a stream, and a stream also stops when the signal aborts.
 */
async function parseAudioFormat({ path, format, byteSize, signal }: AudioSource): Promise<IFormat> {
  const mimeType = MEDIA_FORMATS[format].mimeType;
  const options = { duration: true, skipCovers: true };
  if (format === 'wav' || format === 'flac') {
    const metadata = await parseBlob(await openAsBlob(path, { type: mimeType }), options);
    return metadata.format;
  }
  const stream = createReadStream(path, { highWaterMark: STREAM_CHUNK_BYTES, signal });
  try {
    const metadata = await parseStream(stream, { mimeType, size: byteSize, path }, options);
    return metadata.format;
  } finally {
    stream.destroy();
  }
}

function validateFormat(format: IFormat): AudioCheck {
  const { sampleRate, numberOfChannels: channels, duration, codec } = format;
  if (sampleRate === undefined) {
    return { ok: false, reason: 'corrupt or unsupported audio: no audio stream found (no sample rate)' };
  }
  if (!Number.isFinite(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    return { ok: false, reason: `corrupt or unsupported audio: implausible sample rate ${sampleRate} Hz` };
  }
  if (channels === undefined || !Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
    return { ok: false, reason: `corrupt or unsupported audio: implausible channel count ${channels ?? 'missing'}` };
  }
  if (codec?.startsWith('non-PCM')) {
    // music-metadata's name for a WAV format code it does not know: an exotic codec no player handles.
    return { ok: false, reason: `unsupported WAV encoding: ${codec}` };
  }
  const durationMs = Math.round((duration ?? 0) * 1000);
  if (!Number.isFinite(durationMs) || durationMs <= 0) {
    return { ok: false, reason: 'audio has no samples (duration 0)' };
  }
  return { ok: true, audio: { durationMs, sampleRate, channels } };
}
