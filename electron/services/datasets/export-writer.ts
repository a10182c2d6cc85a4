import { once } from 'node:events';
import { createWriteStream, mkdirSync, opendirSync, writeFileSync } from 'node:fs';
import { copyFile, lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { DatasetItem } from '../../../shared/domain/dataset';
import { isUprightJpeg, writeUprightJpeg } from '../../media/jpeg-for-export';
import type { LinkCounts } from '../../../shared/dataset/card';
import { ExportFilesWorker, type MadeFiles } from '../../workers/export-files-client';
import { ExportFileBatch, LINK, TEXT } from '../../workers/export-files-protocol';
import { MediaLinks } from './media-links';
import type { ExportedSample } from './write-folder-atomically';

/** How long synchronous hard links and small files may hold the event loop before other requests get a turn. */
const SLICE_MS = 8;
/**
 * Hard links and small files made on this thread before the rest go to a worker thread: a small
 * export is done before a worker would have started, a large one overlaps the disk's work with
 * its own formatting.
 */
const FILES_ON_THIS_THREAD = 2_000;
/**
 * A batch is sent to the worker at this many files or characters, whichever comes first. Its text
 * stays under the 128 KiB past which V8 gives a string fresh memory of its own: a YOLO batch of
 * 1,000 files (~175,000 characters) cost its join ~2.7 ms of page faults, 0.54 s of the main
 * thread's time over 100,000 images.
 */
const BATCH_FILES = 1_000;
const BATCH_CHARACTERS = 32_000;
/** Batches in flight before the export waits for the oldest: a few thousand files, memory bounded. */
const BATCHES_IN_FLIGHT = 16;

export interface WriterOptions {
  /** The hidden folder being written. */
  root: string;
  /** Where `root` will be renamed to: links are made relative to this place. */
  finalRoot: string;
  /** Copy the media, else link to the project's files. */
  copyMedia: boolean;
  /** Where a sample's media is now. */
  mediaPath(sampleId: number): string;
}

/**
 * Writes the files of one export into its hidden folder and keeps the books: every path is
 * claimed once (ignoring case, as Windows and macOS do), so two files can never land on one
 * name, and each sample's media is placed once. `verify` then checks the folder holds exactly
 * what was written, with every sample present once, before the export is renamed into place.
 */
export class ExportWriter {
  private readonly claimed = new Map<string, string>();
  private readonly mediaOf = new Map<number, string>();
  private readonly folders = new Set<string>();
  private readonly pool = new Pool(32);
  private readonly links = new MediaLinks();
  private sliceStart = performance.now();
  /** The worker making this export's files past the first `FILES_ON_THIS_THREAD`, started with its first batch. */
  private worker: ExportFilesWorker | null = null;
  private readonly batch = new ExportFileBatch();
  /** Batches sent and not yet made (with their symbolic links queued); each settles without rejecting, its failure kept in `failure`. */
  private readonly batches = new Set<Promise<void>>();
  private failure: unknown = null;
  private workerHardLinks = 0;
  files = 0;

  constructor(private readonly options: WriterOptions) {}

  /**
   * Places a sample's media at `path` (relative to the export): a copy, or a link to the project's
   * file (`MediaLinks`: hard where the system allows, else symbolic). With `jpeg`, what is not an
   * upright JPEG is converted, copied or not.
   */
  media(item: DatasetItem, path: string, options: { jpeg?: boolean } = {}): Promise<void> {
    return rejectingInstead(() => this.placeMedia(item, path, options.jpeg === true));
  }

  /** How many media are hard and symbolic links, once `drain` has returned. */
  get linkCounts(): LinkCounts {
    return { hard: this.links.counts.hard + this.workerHardLinks, symbolic: this.links.counts.symbolic };
  }

  /**
   * A small text file, written on this thread as hard links are, in the same 8 ms slices: its
   * open, write and close each cost less than a trip through the thread pool (a YOLO export's
   * 100,000 label files spent more CPU on the pool's promises and file handles than on the disk).
   * Past the first `FILES_ON_THIS_THREAD` files, by the worker instead.
   */
  small(path: string, content: string): Promise<void> {
    return rejectingInstead(() => {
      this.claim(path);
      if (this.files > FILES_ON_THIS_THREAD) return this.toWorker(TEXT, path, content);
      writeFileSync(this.inRoot(path), content);
      return this.letOthersRun();
    });
  }

  /** A large file streamed from chunks, memory flat for any size. */
  async large(path: string, chunks: Iterable<string>): Promise<void> {
    this.claim(path);
    await writeChunks(this.inRoot(path), chunks);
  }

  /** Makes a folder that may hold no file (an empty split). */
  async folder(path: string): Promise<void> {
    if (this.folders.has(path)) return;
    await mkdir(this.inRoot(path), { recursive: true });
    this.folders.add(path);
  }

  /** Waits for every write in flight and reports the first failure. */
  async drain(): Promise<void> {
    this.sendBatch();
    await this.settleBatches();
    if (this.failure !== null) throw this.failure;
    await this.pool.drain();
  }

  /** Waits until nothing is in flight, failures or not (before removing what they write into). */
  async settle(): Promise<void> {
    await this.settleBatches();
    await this.pool.settle();
  }

  /** Ends the worker, if one was started: once the export is renamed into place, or removed. */
  async close(): Promise<void> {
    await this.worker?.close();
  }

  /**
   * The folder holds exactly the files claimed and each item's media once; otherwise the
   * export fails naming the first sample or file that is wrong, and nothing is renamed.
   */
  async verify(items: readonly ExportedSample[]): Promise<void> {
    await this.drain();
    for (const item of items)
      if (!this.mediaOf.has(item.sampleId))
        throw new ApiError('internal', `Sample ${item.sampleId} (${item.fileName}) is missing from the export; nothing was exported.`);
    if (this.mediaOf.size !== items.length) throw new ApiError('internal', 'The export holds samples that are not in the version; nothing was exported.');
    if ((await this.claimedFilesUnder('')) === this.claimed.size) return;
    for (const path of this.claimed.values())
      if (!(await lstat(join(this.options.root, path)).catch(() => null))) throw new ApiError('internal', `${path} was not written; nothing was exported.`);
  }

  /**
   * How many files are under `under` (relative, '' for the whole folder, links not followed),
   * failing at the first one not claimed. A directory's entries are read in batches, not the
   * whole listing at once (a large export's 200,000 entries and their paths are not all held
   * beside everything else), and checked synchronously, with a turn for the event loop in the
   * same slices as the writes: no promise per entry.
   */
  private async claimedFilesUnder(under: string): Promise<number> {
    const dir = opendirSync(under === '' ? this.options.root : this.inRoot(under), { bufferSize: 1024 });
    let found = 0;
    try {
      for (let entry = dir.readSync(); entry !== null; entry = dir.readSync()) {
        const path = under === '' ? entry.name : `${under}/${entry.name}`;
        if (entry.isDirectory()) found += await this.claimedFilesUnder(path);
        else if (this.claimed.get(path.toLowerCase()) === path) found++;
        else throw new ApiError('internal', 'The export folder holds files it did not write; nothing was exported.');
        if (performance.now() - this.sliceStart >= SLICE_MS) await this.letOthersRun();
      }
    } finally {
      dir.closeSync();
    }
    return found;
  }

  /** `media`'s work; throws where `media` rejects. */
  private placeMedia(item: DatasetItem, path: string, jpeg: boolean): Promise<void> {
    const earlier = this.mediaOf.get(item.sampleId);
    if (earlier !== undefined) throw new ApiError('internal', `Sample ${item.sampleId} would be written twice (${earlier} and ${path}); nothing was exported.`);
    this.mediaOf.set(item.sampleId, path);
    this.claim(path);
    const from = this.options.mediaPath(item.sampleId);
    const to = this.inRoot(path);
    if (jpeg)
      return this.pool.run(async () => {
        if (!(await isUprightJpeg(from))) return writeUprightJpeg(from, to);
        if (this.options.copyMedia) return copyFile(from, to);
        if (!this.links.tryHard(from, to)) return this.links.symbolic(from, to, join(this.options.finalRoot, path));
      });
    if (this.options.copyMedia) return this.pool.run(() => copyFile(from, to));
    if (this.files > FILES_ON_THIS_THREAD) return this.toWorker(LINK, path, from);
    // Hard links one after another on this thread: twice as fast as through the pool, measured.
    if (this.links.tryHard(from, to)) return this.letOthersRun();
    return this.pool.run(() => this.links.symbolic(from, to, join(this.options.finalRoot, path)));
  }

  /**
   * Adds a hard link or a small file to the worker's next batch, sending it when full; waits
   * for the oldest batch when `BATCHES_IN_FLIGHT` are being made (the disk is behind). A failure
   * of an earlier batch is this file's.
   */
  private toWorker(kind: typeof LINK | typeof TEXT, path: string, targetOrText: string): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    this.batch.add(kind, path, targetOrText);
    if (this.batch.size < BATCH_FILES && this.batch.length < BATCH_CHARACTERS) return this.letOthersRun();
    this.sendBatch();
    if (this.batches.size < BATCHES_IN_FLIGHT) return this.letOthersRun();
    return this.batches.values().next().value!;
  }

  private sendBatch(): void {
    if (this.batch.size === 0 || this.failure !== null) return;
    this.worker ??= new ExportFilesWorker(this.options.root);
    const made: Promise<void> = this.worker
      .make(this.batch)
      .then((files) => this.linkSymbolically(files))
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.batches.delete(made));
    this.batches.add(made);
  }

  /** The media the worker could not hard-link, linked symbolically through the pool as on this thread. */
  private async linkSymbolically({ hard, symbolic }: MadeFiles): Promise<void> {
    this.workerHardLinks += hard;
    for (let i = 0; i < symbolic.length; i += 2) {
      const path = symbolic[i]!;
      const from = symbolic[i + 1]!;
      await this.pool.run(() => this.links.symbolic(from, this.inRoot(path), join(this.options.finalRoot, path)));
    }
  }

  private async settleBatches(): Promise<void> {
    while (this.batches.size > 0) await Promise.all(this.batches);
  }

  /**
   * Every few milliseconds of synchronous links and small files, a turn for the event loop (other
   * requests, the pool's callbacks). Between turns, one promise already settled for every file:
   * no new promise or async frame per file for 200,000 files.
   */
  private letOthersRun(): Promise<void> {
    if (performance.now() - this.sliceStart < SLICE_MS) return DONE;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        this.sliceStart = performance.now();
        resolve();
      }),
    );
  }

  /**
   * Books `path` for one file and makes its folder if it is new. Synchronous: a file's folder is
   * nearly always made already, and a few folders made on this thread cost less than an
   * await per file.
   */
  private claim(path: string): void {
    const key = path.toLowerCase();
    const earlier = this.claimed.get(key);
    if (earlier !== undefined) throw new ApiError('internal', `Two files would both be written as ${earlier}; nothing was exported.`);
    this.claimed.set(key, path);
    this.files++;
    // The text before the last `/` (claimed paths are relative, `/` between names): `path.dirname` checks and scans each of 200,000.
    const slash = path.lastIndexOf('/');
    const folder = slash < 0 ? '.' : path.slice(0, slash);
    if (this.folders.has(folder)) return;
    mkdirSync(this.inRoot(folder), { recursive: true });
    this.folders.add(folder);
  }

  /**
   * Where `path` (relative, `/` between names, claimed) is in the hidden folder. Joined as text:
   * `path.join` normalises each of 200,000 paths, and the system reads `root/a/b` alike.
   */
  private inRoot(path: string): string {
    return `${this.options.root}/${path}`;
  }
}

/** A promise already settled, returned by the writes that need no turn for the event loop yet. */
const DONE = Promise.resolve();

/** `write()`'s promise, or what it throws as a rejected one: a write's failure is its promise's, never thrown at the caller. */
function rejectingInstead(write: () => Promise<void>): Promise<void> {
  try {
    return write();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * At most `size` file operations in flight; `run` waits for a free slot, not for the operation,
 * and `drain` waits for all (and reports the first failure).
 */
class Pool {
  private readonly running = new Set<Promise<void>>();
  /** Callers waiting for a slot, woken one per finished operation. */
  private readonly waiting: (() => void)[] = [];
  private failure: unknown = null;

  constructor(private readonly size: number) {}

  async run(operation: () => Promise<unknown>): Promise<void> {
    if (this.failure !== null) throw this.failure;
    // Not `Promise.race(running)`: that adds a reaction to every operation in flight on each
    // wait, hundreds of thousands kept alive over a large export's files.
    while (this.running.size >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const task: Promise<void> = operation().then(
      () => this.finished(task),
      (error: unknown) => {
        this.failure ??= error;
        this.finished(task);
      },
    );
    this.running.add(task);
  }

  private finished(task: Promise<void>): void {
    this.running.delete(task);
    this.waiting.shift()?.();
  }

  async drain(): Promise<void> {
    await this.settle();
    if (this.failure !== null) throw this.failure;
  }

  async settle(): Promise<void> {
    await Promise.all(this.running);
  }
}

/** Streams chunks to a file, waiting whenever the disk falls behind: memory stays flat for any size. */
async function writeChunks(path: string, chunks: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  try {
    let buffer = '';
    for (const chunk of chunks) {
      buffer += chunk;
      if (buffer.length >= 1 << 16) {
        if (!stream.write(buffer)) await once(stream, 'drain');
        buffer = '';
      }
    }
    stream.end(buffer);
    await once(stream, 'finish');
  } catch (error) {
    stream.destroy();
    throw error;
  }
}
