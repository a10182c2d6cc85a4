import { createReadStream } from 'node:fs';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { MPEGDecoder } from 'mpg123-decoder';
import { OggOpusDecoder } from 'ogg-opus-decoder';
import type { SampleSink, SinkFactory } from './sample-sink';

/** Compressed codecs Concord imports; FLAC may also come in an Ogg container. */
export type CompressedCodec = 'mp3' | 'flac' | 'vorbis' | 'opus';

const CODEC_LABELS: Readonly<Record<CompressedCodec, string>> = { mp3: 'MP3', flac: 'FLAC', vorbis: 'Ogg Vorbis', opus: 'Ogg Opus' };

interface DecodedChunk {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: { message: string }[];
}

/** What the eshaz WebAssembly decoders have in common: they take a file in pieces. */
interface StreamingDecoder {
  ready: Promise<void>;
  decode(bytes: Uint8Array): DecodedChunk | Promise<DecodedChunk>;
  flush?(): Promise<DecodedChunk>;
  free(): void;
}

/**
 * Small reads, unlike the WAV path: a decoder returns all the audio of what it is
 * given at once, and 64 KB of a 32 kb/s stream is already 16 s (5.6 MB of stereo
 * floats at 44.1 kHz). Decoding speed barely changes between 16 KB and 1 MB.
 */
const READ_CHUNK_BYTES = 64 * 1024;

function createDecoder(codec: CompressedCodec): StreamingDecoder {
  switch (codec) {
    case 'mp3':
      return new MPEGDecoder();
    case 'flac':
      return new FLACDecoder();
    case 'vorbis':
      return new OggVorbisDecoder();
    case 'opus':
      return new OggOpusDecoder();
  }
}

/**
 * An MP3, FLAC or Ogg file's samples into a sink, decoded as it streams from disk with
 * a WebAssembly decoder, so memory stays flat however long the recording is. A file in
 * which a few frames are damaged still gives the rest (the decoders skip them); one
 * from which nothing decodes throws.
 */
export async function streamDecodedSamples<S extends SampleSink>(
  path: string,
  codec: CompressedCodec,
  makeSink: SinkFactory<S>,
  signal?: AbortSignal,
): Promise<S> {
  const decoder = createDecoder(codec);
  try {
    await decoder.ready;
    let sink: S | null = null;
    let firstError: string | undefined;
    for await (const decoded of decodeStream(decoder, path, signal)) {
      firstError ??= decoded.errors[0]?.message;
      // Results without samples carry a meaningless sampleRate. Rate changes
      // mid-stream (spliced MP3s) are rare enough to read at the first rate.
      if (decoded.samplesDecoded === 0) continue;
      sink ??= makeSink(decoded.sampleRate);
      sink.addPlanar(decoded.channelData, decoded.samplesDecoded);
      if (sink.full) break;
    }
    if (!sink) throw new Error(`no ${CODEC_LABELS[codec]} audio could be decoded${firstError ? `: ${firstError}` : ''}`);
    return sink;
  } finally {
    decoder.free();
  }
}

async function* decodeStream(decoder: StreamingDecoder, path: string, signal?: AbortSignal): AsyncGenerator<DecodedChunk> {
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES, signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) yield await decoder.decode(chunk);
  if (decoder.flush) yield await decoder.flush();
}
