import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** How a WAV file's samples are stored, and where. */
export interface WavLayout {
  encoding: WavEncoding;
  /** Bits of one sample's container (valid bits sit at the top of it, so scaling by the container is right). */
  bitsPerSample: number;
  channels: number;
  sampleRate: number;
  /** Byte offset of the first sample. */
  dataStart: number;
  /** Byte offset just past the last sample. */
  dataEnd: number;
}

/** Linear PCM, IEEE floats, or G.711 companded telephone audio (8-bit A-law / µ-law). */
export type WavEncoding = 'int' | 'float' | 'alaw' | 'mulaw';

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
/** What `fmt ` holds for PCM; WAVE_FORMAT_EXTENSIBLE adds 24 bytes. */
const MIN_FMT_BYTES = 16;
const EXTENSIBLE_FMT_BYTES = 40;
/** Streaming recorders write this size when they do not know the length yet. */
const UNKNOWN_SIZE = 0xffffffff;

const ENCODING_BY_FORMAT_CODE: ReadonlyMap<number, WavEncoding> = new Map([
  [0x0001, 'int'],
  [0x0003, 'float'],
  [0x0006, 'alaw'],
  [0x0007, 'mulaw'],
]);
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

const SUPPORTED_BITS: Readonly<Record<WavEncoding, readonly number[]>> = {
  int: [8, 16, 24, 32],
  float: [32, 64],
  alaw: [8],
  mulaw: [8],
};

/**
 * Walks a WAV file's RIFF chunks to its `fmt ` and `data` chunks with a few small
 * reads, so the samples can then be streamed. A `data` size that is unknown
 * (0xFFFFFFFF), zero (a recorder that died before patching the header) or past the
 * end of the file means "to the end of the file". Throws a readable Error for
 * anything that is not a WAV file this module can read.
 */
export async function readWavLayout(path: string): Promise<WavLayout> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const riff = await readExactly(file, 0, RIFF_HEADER_BYTES, 'the RIFF header');
    if (riff.toString('latin1', 0, 4) !== 'RIFF' || riff.toString('latin1', 8, 12) !== 'WAVE') {
      throw new Error('not a WAV file: no RIFF/WAVE header');
    }
    let format: Omit<WavLayout, 'dataStart' | 'dataEnd'> | null = null;
    let position = RIFF_HEADER_BYTES;
    while (position + CHUNK_HEADER_BYTES <= size) {
      const header = await readExactly(file, position, CHUNK_HEADER_BYTES, 'a chunk header');
      const chunkId = header.toString('latin1', 0, 4);
      const chunkBytes = header.readUInt32LE(4);
      const bodyStart = position + CHUNK_HEADER_BYTES;
      if (chunkId === 'fmt ') {
        format = parseFormat(await readExactly(file, bodyStart, Math.min(chunkBytes, EXTENSIBLE_FMT_BYTES), 'the fmt chunk'));
      } else if (chunkId === 'data') {
        if (!format) throw new Error('corrupt WAV: the data chunk comes before the fmt chunk');
        const sizeIsKnown = chunkBytes !== UNKNOWN_SIZE && chunkBytes !== 0 && bodyStart + chunkBytes <= size;
        return { ...format, dataStart: bodyStart, dataEnd: sizeIsKnown ? bodyStart + chunkBytes : size };
      }
      // RIFF pads odd-sized chunks to an even length.
      position = bodyStart + chunkBytes + (chunkBytes % 2);
    }
    throw new Error(format ? 'corrupt WAV: no data chunk' : 'corrupt WAV: no fmt chunk');
  } finally {
    await file.close();
  }
}

function parseFormat(fmt: Buffer): Omit<WavLayout, 'dataStart' | 'dataEnd'> {
  if (fmt.length < MIN_FMT_BYTES) throw new Error(`corrupt WAV: fmt chunk of ${fmt.length} bytes`);
  const declaredCode = fmt.readUInt16LE(0);
  // The real format code opens the sub-format GUID.
  const formatCode = declaredCode === WAVE_FORMAT_EXTENSIBLE && fmt.length >= EXTENSIBLE_FMT_BYTES ? fmt.readUInt16LE(24) : declaredCode;
  const channels = fmt.readUInt16LE(2);
  const sampleRate = fmt.readUInt32LE(4);
  const blockAlign = fmt.readUInt16LE(12);
  const bitsPerSample = fmt.readUInt16LE(14);
  const encoding = ENCODING_BY_FORMAT_CODE.get(formatCode);
  if (!encoding) throw new Error(`unsupported WAV encoding (format code 0x${formatCode.toString(16).padStart(4, '0')})`);
  if (!SUPPORTED_BITS[encoding].includes(bitsPerSample)) throw new Error(`unsupported WAV encoding: ${bitsPerSample}-bit ${encoding}`);
  if (channels === 0) throw new Error('corrupt WAV: 0 channels');
  if (blockAlign !== (channels * bitsPerSample) / 8) {
    throw new Error(`corrupt WAV: ${blockAlign}-byte frames for ${channels} channels of ${bitsPerSample} bits`);
  }
  return { encoding, bitsPerSample, channels, sampleRate };
}

async function readExactly(file: FileHandle, position: number, length: number, what: string): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead < length) throw new Error(`corrupt WAV: the file ends inside ${what}`);
  return buffer;
}
