import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Large reads keep hashing disk-bound on multi-gigabyte files without holding them in memory. */
const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * SHA-256 of the file's bytes as lowercase hex, read as a stream.
 * When `signal` aborts, the read stops at once and the promise rejects with an
 * error named "AbortError" (Node's, with the abort reason as `cause`).
 */
export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES, signal });
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** SHA-256 of bytes already in memory, as lowercase hex: the same digest `sha256File` gives for a file of them. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
