import { open } from 'node:fs/promises';

export interface WavDataChunk {
  /** Audio bytes the `data` chunk header claims. */
  declaredBytes: number;
  /** Audio bytes actually present after that header, up to the end of the file. */
  presentBytes: number;
}

const RIFF_HEADER_BYTES = 12;
const CHUNK_HEADER_BYTES = 8;
/** Streaming recorders write this size when they do not know the length yet. */
const UNKNOWN_SIZE = 0xffffffff;

/**
 * Walks the RIFF chunks of a WAV file to its `data` chunk. music-metadata silently
 * clamps a data chunk that runs past the end of the file, which hides truncated
 * recordings (an interrupted copy or a crashed recorder), so we look ourselves.
 * Returns null when there is no data chunk.
 */
export async function readWavDataChunk(path: string, fileSize: number): Promise<WavDataChunk | null> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(CHUNK_HEADER_BYTES);
    let position = RIFF_HEADER_BYTES;
    while (position + CHUNK_HEADER_BYTES <= fileSize) {
      const { bytesRead } = await file.read(header, 0, CHUNK_HEADER_BYTES, position);
      if (bytesRead < CHUNK_HEADER_BYTES) return null;
      const chunkId = header.toString('latin1', 0, 4);
      const chunkBytes = header.readUInt32LE(4);
      const dataStart = position + CHUNK_HEADER_BYTES;
      if (chunkId === 'data') {
        const presentBytes = fileSize - dataStart;
        return { declaredBytes: chunkBytes === UNKNOWN_SIZE ? presentBytes : chunkBytes, presentBytes };
      }
      // RIFF pads odd-sized chunks to an even length.
      position = dataStart + chunkBytes + (chunkBytes % 2);
    }
    return null;
  } finally {
    await file.close();
  }
}
