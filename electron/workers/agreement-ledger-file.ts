import { closeSync, fstatSync, openSync, readSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import type { DeferredEntries } from '../../shared/agreement/entry-store';
import { HISTOGRAM_BINS } from '../../shared/agreement/ledger';
import { addCounts, emptyCounts, type EntryCounts, type LedgerSums } from '../../shared/agreement/ledger-sums';
import { worstLists, type WorstLists } from '../../shared/agreement/worst-samples';
import { DIMENSIONS } from '../../shared/agreement/sample-entry';
import type { PackedEntry, SlotName } from '../../shared/agreement/packed-entry';
import { writeFileAtomicWith } from '../fs/atomic-write';
import { checkPeerRecords, decodeKeptLedger, decodeWorstLists, KeptLedgerDecodeError, layOutKeptLedger, NumberReader } from './agreement-ledger-codec';
import { decodeLedgerSums } from './agreement-ledger-sums-codec';

/**
 * An agreement ledger kept in the project's cache folder between sessions, so that the first
 * dashboard request after opening a large project takes back its entries and sums and measures
 * only the samples whose answers or tags changed since (the database records them, see
 * `samplesChangedSince`; the file keeps where its changes stood when the ledger was read)
 * instead of every sample (minutes at 100,000 images). The file is a cache: when it is missing, damaged,
 * of another format, project or options, the ledger is built from the annotations as before.
 *
 * Layout: the 8 bytes of {@link MAGIC}, the CRC-32 of everything after it (4 bytes, little-endian:
 * a flipped byte among the numbers could otherwise read as a plausible count; format 1 had a
 * SHA-256 there, ten times slower over a 100,000-sample file and no safer against a file made
 * by hand, which the decoder's checks are for), the header's length (4 bytes, little-endian), the header
 * as JSON (format, kind, options, project, position of the changes, strings, slots, how many
 * numbers the head takes, the entries' counts, the index of the entries' blocks), zeros up to a
 * multiple of 8 bytes, then the head (the ledger's sums and worst lists) and the entries' blocks as
 * little-endian 64-bit numbers (see `agreement-ledger-codec.ts`). Format 2 added the sums (a
 * later session takes them back instead of adding every sample again) and the position in
 * place of a stamp per sample; format 3 the worst lists, the counts and the blocks, so that a
 * restart answers from the head and reads the entries after (179 MB at 100,000 samples); format 4
 * keeps the worst lists twice as deep as shown, so that a change to a listed sample is followed
 * without reading every block, and entries without their labelers' contributions (the sums of
 * their pairs); format 5 entries without their contributions per guideline version where those
 * are the current answers' (see `derivedVersionSlot`); format 6 each labeler's latest submission
 * time in the entries, and after the blocks each block's peer records, so that drift is answered
 * from a restarted ledger without the database's submission times or its entries. A file of an
 * earlier format is built again.
 */

/** Raised whenever what a packed entry means or how it is written changes: a file of another format is built again. */
export const AGREEMENT_LEDGER_FILE_FORMAT = 6;
const MAGIC = Buffer.from('CONCLDGR', 'latin1');
const DIGEST = 4;
/** Where the header's length is written: after the magic and the digest. */
const LENGTH_AT = MAGIC.length + DIGEST;

/** What a kept ledger must have been built for to be taken back. */
export interface KeptLedgerIdentity {
  kind: 'bbox' | 'transcript';
  /** The ledger's options, as the tracker keys them (`JSON.stringify`). */
  options: string;
  /** The project's own (its creation time): a cache file copied from another project is not taken. */
  project: string;
}

export interface KeptLedger {
  /** Where the database's changes stood when the ledger's inputs were read (see `agreementChangePosition`). */
  position: string;
  slots: SlotName[];
  /** Each compared sample's entry, in increasing sample id. */
  entries: PackedEntry[];
  /** The ledger's sums over the entries, as it kept them. */
  sums: LedgerSums;
}

const whole = z.number().int().nonnegative();
const headerSchema = z.object({
  format: z.literal(AGREEMENT_LEDGER_FILE_FORMAT),
  kind: z.enum(['bbox', 'transcript']),
  options: z.string(),
  project: z.string(),
  position: z.string(),
  strings: z.array(z.string()),
  slots: z.array(z.object({ dimension: z.enum(DIMENSIONS as [SlotName['dimension'], ...SlotName['dimension'][]]), key: z.string() })),
  /** How many numbers the sums and worst lists take, before the entries. */
  head: whole,
  /** How many entries reach each slot, fall in each histogram bin, carry each tag. */
  counts: z.object({ uses: z.array(whole), histogram: z.array(whole), tags: z.array(z.tuple([z.string(), whole])) }),
  /** The entries' blocks in order: the sample ids each spans, how many samples it holds, how many numbers its entries and its peer records take. */
  blocks: z.array(z.object({ first: whole, last: whole, samples: whole, numbers: whole, peers: whole })),
});

/** What a restart takes back before reading any entry: enough to answer the dashboard, and where the entries are. */
export interface KeptLedgerHead {
  position: string;
  slots: SlotName[];
  sums: LedgerSums;
  counts: EntryCounts;
  worst: WorstLists;
  /** The entries, read a block at a time from the file kept open until all are read. */
  deferred: DeferredEntries;
}

/**
 * The head of the ledger kept in `path` for a ledger of `identity` whose contributions are
 * `width` wide, its entries left in the file to be read when needed; null when there is no such
 * file or it does not hold what this version wrote (the reason is logged without content). Every
 * byte is checked against the checksum first (read through one small buffer: the entries are
 * not held), so a damaged file is never answered from. Reading a block that does not decode
 * removes the file, so that the next session builds the ledger again.
 */
export function openAgreementLedgerFile(path: string, identity: KeptLedgerIdentity, width: number): KeptLedgerHead | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null; // not kept yet
  }
  const ignored = (reason: string) => {
    console.warn(`[agreement] ${path} is not an agreement ledger of this version (${reason}); it is built again.`);
    return null;
  };
  let handedOver = false;
  try {
    const size = fstatSync(fd).size;
    const start = readBytes(fd, 0, Math.min(size, LENGTH_AT + 4));
    if (size < LENGTH_AT + 4 || !start.subarray(0, MAGIC.length).equals(MAGIC)) return ignored('it does not start as one');
    if (checksum(fd, LENGTH_AT, size) !== start.readUInt32LE(MAGIC.length)) return ignored('its contents do not match its checksum');
    const headerEnd = LENGTH_AT + 4 + start.readUInt32LE(LENGTH_AT);
    if (headerEnd > size) return ignored('the file ends inside its header');
    let header: z.infer<typeof headerSchema>;
    try {
      const parsed = headerSchema.safeParse(JSON.parse(readBytes(fd, LENGTH_AT + 4, headerEnd - LENGTH_AT - 4).toString('utf8')));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return ignored(`${issue.path.join('.') || 'the header'}: ${issue.message}`);
      }
      header = parsed.data;
    } catch {
      return ignored('its header is not valid JSON');
    }
    if (header.kind !== identity.kind || header.options !== identity.options || header.project !== identity.project) {
      return ignored('it was kept for another project or other options');
    }
    const blockProblem = indexProblem(header.blocks);
    if (blockProblem !== null) return ignored(blockProblem);
    if (header.counts.uses.length !== header.slots.length) return ignored('its counts are not one per group');
    const bodyStart = Math.ceil(headerEnd / 8) * 8;
    const offsets: number[] = [];
    const peerOffsets: number[] = [];
    let end = bodyStart + header.head * 8;
    for (const block of header.blocks) {
      offsets.push(end);
      end += block.numbers * 8;
    }
    for (const block of header.blocks) {
      peerOffsets.push(end);
      end += block.peers * 8;
    }
    if (end !== size) return ignored('its numbers do not fill what its index says');
    const shape = { width, slots: header.slots.length };
    const read = new NumberReader(readNumbers(fd, bodyStart, header.head), header.strings);
    const sums = decodeLedgerSums(read);
    const worst = decodeWorstLists(read, shape);
    if (!read.done) read.fail('numbers after the worst lists');
    let open = true;
    const close = () => {
      if (open) closeSync(fd);
      open = false;
    };
    /** Reads what `decode` makes of a block's numbers; a block that cannot be read removes the file, so the next session builds the ledger again. */
    const readBlock = <T>(index: number, decode: (block: (typeof header.blocks)[number]) => T): T => {
      try {
        return decode(header.blocks[index]!);
      } catch (error) {
        close();
        discardAgreementLedgerFile(path);
        throw new Error(`the kept agreement ledger ${path} could not be read (${error instanceof Error ? error.message : String(error)}); it is built again`, {
          cause: error,
        });
      }
    };
    let peerBuffer = new Float64Array(0);
    const deferred: DeferredEntries = {
      blocks: header.blocks,
      read: (index) =>
        readBlock(index, (block) => {
          const entries = decodeKeptLedger(header.strings, readNumbers(fd, offsets[index]!, block.numbers), shape);
          if (entries.length !== block.samples || entries[0]!.sampleId !== block.first || entries.at(-1)!.sampleId !== block.last) {
            throw new KeptLedgerDecodeError(`block ${index} does not hold the samples its index says`);
          }
          return entries;
        }),
      readPeers: (index) =>
        readBlock(index, (block) => {
          // Into one buffer, read again for each block: the records are visited and let go at once, and
          // memory new to the process costs more here than reading into it (40 ms for 14 MB at 100,000 samples).
          peerBuffer = peerBuffer.length >= block.peers ? peerBuffer : new Float64Array(block.peers);
          const records = peerBuffer.subarray(0, block.peers);
          readInto(fd, new Uint8Array(records.buffer, 0, records.byteLength), peerOffsets[index]!);
          return checkPeerRecords(records, block);
        }),
      close,
    };
    handedOver = true;
    return { position: header.position, slots: header.slots, sums, counts: { ...header.counts, tags: new Map(header.counts.tags) }, worst, deferred };
  } catch (error) {
    if (!(error instanceof KeptLedgerDecodeError)) throw error;
    return ignored(error.message);
  } finally {
    if (!handedOver) closeSync(fd);
  }
}

/**
 * The whole ledger kept in `path`, its entries read at once (see {@link openAgreementLedgerFile});
 * null when there is no such file or it does not hold what this version wrote.
 */
export async function readAgreementLedgerFile(path: string, identity: KeptLedgerIdentity, width: number): Promise<KeptLedger | null> {
  const head = openAgreementLedgerFile(path, identity, width);
  if (head === null) return null;
  const entries: PackedEntry[] = [];
  try {
    for (let index = 0; index < head.deferred.blocks.length; index++) entries.push(...head.deferred.read(index));
  } catch (error) {
    console.warn(`[agreement] ${error instanceof Error ? error.message : String(error)}`);
    return null;
  } finally {
    head.deferred.close();
  }
  return { position: head.position, slots: head.slots, entries, sums: head.sums };
}

/**
 * Keeps `kept` (its entries in increasing sample id) in `path` for a ledger of `identity`, whole
 * or not at all, with the entries' counts and worst lists made from them. Written a block at a
 * time (the checksum summed as they go, then put in its place): memory holds one block besides
 * the ledger, and the thread answers requests between blocks. The entries must not change
 * meanwhile (see `layOutKeptLedger`).
 */
export async function writeAgreementLedgerFile(path: string, identity: KeptLedgerIdentity, kept: KeptLedger): Promise<void> {
  const counts = emptyCounts(kept.slots.length, HISTOGRAM_BINS);
  // The pools' width is the entries' (every entry reaches the overall pool; without pools there are no entries).
  addCounts(counts, kept.entries, kept.sums.pools[0]?.counts.length ?? 0, kept.slots);
  const layout = layOutKeptLedger(kept.entries, kept.sums, worstLists(kept.entries));
  const header = Buffer.from(
    JSON.stringify({
      format: AGREEMENT_LEDGER_FILE_FORMAT,
      ...identity,
      position: kept.position,
      strings: layout.strings,
      slots: kept.slots,
      head: layout.head.length,
      counts: { ...counts, tags: [...counts.tags] },
      blocks: layout.blocks,
    }),
    'utf8',
  );
  const headerEnd = LENGTH_AT + 4 + header.length;
  const start = Buffer.alloc(Math.ceil(headerEnd / 8) * 8);
  MAGIC.copy(start, 0);
  start.writeUInt32LE(header.length, LENGTH_AT);
  header.copy(start, LENGTH_AT + 4);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomicWith(path, async (handle) => {
    let sum = crc32(start.subarray(LENGTH_AT));
    let at = 0;
    const write = async (bytes: Uint8Array) => {
      for (let done = 0; done < bytes.length;) done += (await handle.write(bytes, done, bytes.length - done, at + done)).bytesWritten;
      at += bytes.length;
    };
    await write(start);
    const numbers = async (data: Float64Array) => {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      sum = crc32(bytes, sum);
      await write(bytes);
    };
    await numbers(layout.head);
    for (let index = 0; index < layout.blocks.length; index++) await numbers(layout.block(index));
    for (let index = 0; index < layout.blocks.length; index++) await numbers(layout.peers(index));
    const digest = Buffer.alloc(DIGEST);
    digest.writeUInt32LE(sum);
    await handle.write(digest, 0, DIGEST, MAGIC.length);
  });
}

/** Removes a kept ledger that could not be read, so the next session builds it again (a failure to remove is only logged). */
export function discardAgreementLedgerFile(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch (error) {
    console.warn(`[agreement] could not remove ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Why a block index cannot be a kept ledger's (blocks of increasing, separate sample ids, each with samples and room for them), or null. */
function indexProblem(blocks: ReadonlyArray<{ first: number; last: number; samples: number; numbers: number; peers: number }>): string | null {
  let previous = -1;
  for (const block of blocks) {
    if (block.first <= previous || block.last < block.first) return 'blocks of sample ids out of order';
    if (block.samples < 1 || block.samples > block.last - block.first + 1 || block.numbers < 5 * block.samples || block.peers < 3 * block.samples) {
      return 'a block that cannot hold its samples';
    }
    previous = block.last;
  }
  return null;
}

/** Bytes read through one buffer of this size while checking the sum: the whole file is never held. */
const CHECKSUM_CHUNK = 1 << 20;

/** The CRC-32 of the file's bytes from `from` to `to`. */
function checksum(fd: number, from: number, to: number): number {
  const buffer = Buffer.allocUnsafe(CHECKSUM_CHUNK);
  let sum = 0;
  for (let at = from; at < to;) {
    const read = readSync(fd, buffer, 0, Math.min(CHECKSUM_CHUNK, to - at), at);
    if (read === 0) throw new KeptLedgerDecodeError('the file ended while it was read');
    sum = crc32(buffer.subarray(0, read), sum);
    at += read;
  }
  return sum;
}

function readBytes(fd: number, position: number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  readInto(fd, bytes, position);
  return bytes;
}

/** `count` numbers from byte `position` on, in an array of their own (aligned, so the ledger keeps views of it). */
function readNumbers(fd: number, position: number, count: number): Float64Array {
  const numbers = new Float64Array(count);
  readInto(fd, new Uint8Array(numbers.buffer), position);
  return numbers;
}

function readInto(fd: number, target: Uint8Array, position: number): void {
  for (let done = 0; done < target.length;) {
    const read = readSync(fd, target, done, target.length - done, position + done);
    if (read === 0) throw new KeptLedgerDecodeError('the file ended while it was read');
    done += read;
  }
}
