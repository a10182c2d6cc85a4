import { streamDecodedSamples } from './decoded-samples';
import type { CompressedCodec } from './decoded-samples';
import { readHead } from './read-head';
import type { SampleSink, SinkFactory } from './sample-sink';
import { sniffContent } from './sniff';
import { streamWavSamples } from './wav-samples';

/**
 * An audio file's samples into a sink. The format is read from the content, not the
 * name (a recording imported as .wav may be an MP3). WAV is read directly; MP3, FLAC
 * and Ogg Vorbis/Opus are decoded with WebAssembly. Throws an Error with a readable
 * message for a file that is corrupt or in an encoding this cannot read; `signal`
 * stops reading promptly (the promise then rejects with an AbortError).
 */
export async function streamAudioSamples<S extends SampleSink>(path: string, makeSink: SinkFactory<S>, signal?: AbortSignal): Promise<S> {
  signal?.throwIfAborted();
  const head = await readHead(path);
  const sniffed = sniffContent(head);
  if (sniffed.kind === 'supported' && sniffed.format === 'wav') return streamWavSamples(path, makeSink, signal);
  return streamDecodedSamples(path, codecOf(sniffed, head), makeSink, signal);
}

function codecOf(sniffed: ReturnType<typeof sniffContent>, head: Uint8Array): CompressedCodec {
  switch (sniffed.kind) {
    case 'supported':
      if (sniffed.format === 'mp3' || sniffed.format === 'flac') return sniffed.format;
      if (sniffed.format === 'ogg') return oggCodecOf(head);
      throw new Error(`not audio: the file is ${sniffed.format.toUpperCase()} image data`);
    case 'id3-tagged':
    case 'unrecognised':
      // An ID3 tag too long to see past is almost always an MP3's cover art, and MP3
      // may start with junk before its first frame, which the decoder skips.
      return 'mp3';
    case 'unsupported':
      throw new Error(`unsupported audio: the file is ${sniffed.description}`);
    case 'text':
      throw new Error('not audio: the file contains text');
  }
}

/** Byte offset of the segment count in an Ogg page header; the segment table follows it. */
const OGG_SEGMENT_COUNT_OFFSET = 26;

/** An Ogg stream's codec, from the identification packet on its first page. */
function oggCodecOf(head: Uint8Array): CompressedCodec {
  const packetStart = OGG_SEGMENT_COUNT_OFFSET + 1 + (head[OGG_SEGMENT_COUNT_OFFSET] ?? 0);
  const packet = Buffer.from(head.buffer, head.byteOffset, head.length).toString('latin1', packetStart, packetStart + 8);
  if (packet.startsWith('OpusHead')) return 'opus';
  if (packet.startsWith('\x01vorbis')) return 'vorbis';
  if (packet.startsWith('\x7fFLAC')) return 'flac';
  throw new Error('unsupported Ogg audio: the stream is neither Vorbis, Opus nor FLAC');
}
