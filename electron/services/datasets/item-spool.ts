import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One group of texts as written: its bytes in the file and each text's length in characters. */
interface SpooledGroup {
  bytes: number;
  lengths: number[];
}

/**
 * Texts kept in a scratch file instead of memory while a dataset version is made: a version
 * cannot write its items until it has seen them all (their splits and file names depend on every
 * item, and its content hash starts with figures counted over all of them), and 100,000 items'
 * texts held meanwhile were most of the memory it took. Groups are appended in order and read
 * back in the same order, as often as needed; the file is private to this process and removed
 * by `close()`.
 * @example
 * const spool = ItemSpool.create();
 * try {
 *   spool.append(['{"a":1}', '{"b":2}']);
 *   for (const texts of spool.groups()) console.log(texts); // ['{"a":1}', '{"b":2}']
 * } finally {
 *   spool.close();
 * }
 */
export class ItemSpool {
  private readonly written: SpooledGroup[] = [];
  private fd: number | null;

  private constructor(private readonly folder: string) {
    this.fd = openSync(join(folder, 'items'), 'w+', 0o600);
  }

  /** A new empty spool in a folder of its own under `parent` (the system's temporary folder). */
  static create(parent = tmpdir()): ItemSpool {
    const folder = mkdtempSync(join(parent, 'concord-version-'));
    try {
      return new ItemSpool(folder);
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** Writes `texts` as one group, after those written before. */
  append(texts: readonly string[]): void {
    if (texts.length === 0) return;
    // Each text encoded straight into one buffer: joining them first would copy every character once more.
    let size = 0;
    for (const text of texts) size += Buffer.byteLength(text, 'utf8');
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    for (const text of texts) at += bytes.write(text, at, 'utf8');
    writeSync(this.open(), bytes, 0, size, null);
    this.written.push({ bytes: size, lengths: texts.map((text) => text.length) });
  }

  /** The groups in the order written, each as its texts; each call reads the file again from its start. */
  *groups(): Generator<string[]> {
    let position = 0;
    for (const { bytes, lengths } of this.written) {
      const buffer = Buffer.allocUnsafe(bytes);
      for (let read = 0; read < bytes;) {
        const got = readSync(this.open(), buffer, read, bytes - read, position + read);
        if (got === 0) throw new Error("the version's scratch file ended early");
        read += got;
      }
      position += bytes;
      // Whole texts were written, so the group's bytes decode to exactly their characters.
      const text = buffer.toString('utf8');
      const texts: string[] = [];
      let start = 0;
      for (const length of lengths) texts.push(text.slice(start, (start += length)));
      yield texts;
    }
  }

  /** Closes and removes the file; the spool cannot be used after. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.folder, { recursive: true, force: true });
  }

  private open(): number {
    if (this.fd === null) throw new Error("the version's scratch file is closed");
    return this.fd;
  }
}
