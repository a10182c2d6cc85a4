import { open } from 'node:fs/promises';
import type { SampleArray, SampleSink, SinkFactory } from './sample-sink';
import { readWavLayout } from './wav-layout';
import type { WavLayout } from './wav-layout';

/** Big sequential reads: a 115 MB recording is about a hundred of them. */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * A WAV file's samples into a sink, read sequentially in large chunks: memory is one
 * chunk plus what the sink keeps, whatever the recording's length. Samples are read
 * through typed views in the machine's byte order; WAV is little-endian, as is every
 * platform Electron runs on.
 */
export async function streamWavSamples<S extends SampleSink>(path: string, makeSink: SinkFactory<S>, signal?: AbortSignal): Promise<S> {
  const layout = await readWavLayout(path);
  signal?.throwIfAborted();
  const sink = makeSink(layout.sampleRate);
  const blockAlign = (layout.channels * layout.bitsPerSample) / 8;
  const toSamples = sampleConverter(layout);
  const fullScale = fullScaleOf(layout);
  // One buffer for the whole file, refilled in place after the bytes of a frame that
  // the last read split: nothing is allocated per read, every frame is whole, and
  // typed views over it start at offset 0, aligned for any sample size.
  const buffer = new Uint8Array(READ_CHUNK_BYTES + blockAlign);
  const file = await open(path, 'r');
  try {
    let position = layout.dataStart;
    let carried = 0;
    while (position < layout.dataEnd && !sink.full) {
      signal?.throwIfAborted();
      const { bytesRead } = await file.read(buffer, carried, Math.min(READ_CHUNK_BYTES, layout.dataEnd - position), position);
      // The file shrank since its header was read: what is left is all there is.
      if (bytesRead === 0) break;
      position += bytesRead;
      const filled = carried + bytesRead;
      const whole = filled - (filled % blockAlign);
      sink.addInterleaved(toSamples(buffer.subarray(0, whole)), layout.channels, fullScale);
      buffer.copyWithin(0, whole, filled);
      carried = filled - whole;
    }
  } finally {
    await file.close();
  }
  return sink;
}

/** The magnitude that counts as full scale for this encoding. */
function fullScaleOf({ encoding, bitsPerSample }: WavLayout): number {
  if (encoding === 'float') return 1;
  if (encoding === 'int') return 2 ** (bitsPerSample - 1);
  return 32768; // G.711 expands to 16-bit values
}

/**
 * A function from whole frames of bytes (at offset 0 of their buffer) to samples:
 * a zero-copy view where the layout allows one, a conversion into a reused buffer
 * for 8-bit, 24-bit and companded samples.
 */
function sampleConverter({ encoding, bitsPerSample }: WavLayout): (bytes: Uint8Array<ArrayBuffer>) => SampleArray {
  const view = (bytes: Uint8Array<ArrayBuffer>, Type: Int16ArrayConstructor | Int32ArrayConstructor | Float32ArrayConstructor | Float64ArrayConstructor) =>
    new Type(bytes.buffer, bytes.byteOffset, bytes.length / Type.BYTES_PER_ELEMENT);
  if (encoding === 'float') return (bytes) => view(bytes, bitsPerSample === 64 ? Float64Array : Float32Array);
  if (encoding === 'alaw' || encoding === 'mulaw') {
    const table = encoding === 'alaw' ? ALAW_TABLE : MULAW_TABLE;
    return converting(Int16Array, 1, (bytes, out) => {
      for (let index = 0; index < out.length; index += 1) out[index] = table[bytes[index]!]!;
    });
  }
  switch (bitsPerSample) {
    case 16:
      return (bytes) => view(bytes, Int16Array);
    case 32:
      return (bytes) => view(bytes, Int32Array);
    case 8:
      // 8-bit PCM is unsigned, centred on 128.
      return converting(Int16Array, 1, (bytes, out) => {
        for (let index = 0; index < out.length; index += 1) out[index] = bytes[index]! - 128;
      });
    default:
      return converting(Int32Array, 3, (bytes, out) => {
        for (let index = 0, byte = 0; index < out.length; index += 1, byte += 3) {
          // Assemble into the top 24 bits, then shift down to sign-extend.
          out[index] = ((bytes[byte]! << 8) | (bytes[byte + 1]! << 16) | (bytes[byte + 2]! << 24)) >> 8;
        }
      });
  }
}

function converting<T extends Int16Array | Int32Array>(
  Type: { new (length: number): T },
  bytesPerSample: number,
  convert: (bytes: Uint8Array, out: T) => void,
): (bytes: Uint8Array<ArrayBuffer>) => SampleArray {
  let buffer = new Type(0);
  return (bytes) => {
    const length = bytes.length / bytesPerSample;
    if (buffer.length < length) buffer = new Type(length);
    const out = buffer.subarray(0, length) as T;
    convert(bytes, out);
    return out;
  };
}

/** G.711 A-law byte → 16-bit linear sample (ITU-T G.711 expansion). */
const ALAW_TABLE = Int16Array.from({ length: 256 }, (_, code) => {
  const value = code ^ 0x55;
  const exponent = (value & 0x70) >> 4;
  const mantissa = value & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return value & 0x80 ? magnitude : -magnitude;
});

/** G.711 µ-law byte → 16-bit linear sample (ITU-T G.711 expansion). */
const MULAW_TABLE = Int16Array.from({ length: 256 }, (_, code) => {
  const value = ~code & 0xff;
  const exponent = (value & 0x70) >> 4;
  const mantissa = value & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return value & 0x80 ? -magnitude : magnitude;
});
