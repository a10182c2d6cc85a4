import { open } from 'node:fs/promises';
import { SNIFF_LENGTH } from './sniff';

/** The first bytes of a file, enough to tell its format by content rather than by name. */
export async function readHead(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_LENGTH);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_LENGTH, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
