import { COINCIDENCE_WIDTH } from '../../shared/agreement/binary-alpha';
import type { LedgerSums } from '../../shared/agreement/ledger-sums';
import type { EntryBlock } from '../../shared/agreement/entry-store';
import { packedDataProblem, peerRecordOf, type PackedEntry } from '../../shared/agreement/packed-entry';
import { WORST_KEPT, type ScoredSample, type WorstLists } from '../../shared/agreement/worst-samples';
import { encodeLedgerSums } from './agreement-ledger-sums-codec';

/**
 * A kept agreement ledger as one array of numbers, each text (tag names) once in a table of
 * strings and referred to by its index. First what answers the dashboard without the entries:
 * the ledger's sums (see `agreement-ledger-sums-codec.ts`) and its worst lists (the overall
 * list's count and entries, then the number of pairs, each as labelerA, labelerB, its count and
 * (sampleId, score) per listed sample), `head` numbers in all. Then the compared samples in
 * increasing id, in blocks of {@link SAMPLES_PER_BLOCK} (the file's index says where each starts).
 * One sample: sampleId, score, versions, the length of its packed data and the data (see
 * `packed-entry.ts`; slot numbers name the file's table of slots), then its tags (led by their
 * number; each tag's name and its `COINCIDENCE_WIDTH` coincidences). After every block, each
 * block's peer records (see `peerRecordOf`) again on their own, each led by its sample id, its
 * labeler count and its length: drift reads them without reading the entries.
 */

/** Why an encoded ledger cannot be read: where in its numbers, and what was wrong (never the value itself). */
export class KeptLedgerDecodeError extends Error {}

/**
 * Samples encoded and written at once, and read at once after a restart: a large ledger is written
 * and read without holding the worker's requests for long, and the first submission to a sample
 * of a block not read yet waits for its block alone. The first block a worker reads costs most (its
 * code still cold): at 100,000 × 3 here 4.9–7.8 ms at 100 a block, 15–21 ms at 500, 62 ms at
 * 2,000; reading every block takes the same time at 100 as at 500.
 */
export const SAMPLES_PER_BLOCK = 100;

/** A block of entries in an encoded ledger: the samples it spans and how many numbers its entries and its peer records take. */
export interface EncodedBlock extends EntryBlock {
  numbers: number;
  peers: number;
}

/** A kept ledger ready to be written a block at a time (see {@link layOutKeptLedger}). */
export interface KeptLedgerLayout {
  strings: string[];
  /** The sums and the worst lists: what a restart answers from. */
  head: Float64Array;
  blocks: EncodedBlock[];
  /** The numbers of block `index`, in a buffer the next call reuses: write them before asking for another block. */
  block(index: number): Float64Array;
  /** The peer records of block `index`, likewise. */
  peers(index: number): Float64Array;
}

/**
 * Lays out `entries` (in increasing sample id), the ledger's `sums` and its `worst` lists as a
 * table of strings and numbers (see above): the head at once, the entries' blocks one at a time
 * as they are asked for, so that a 100,000-sample ledger is written without a second copy of its
 * 179 MB in memory. The entries must not change until the last block is taken (a ledger replaces
 * an entry, it never changes one); the sums are a copy.
 */
export function layOutKeptLedger(entries: readonly PackedEntry[], sums: LedgerSums, worst: WorstLists): KeptLedgerLayout {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const text = (value: string) => {
    let index = indexOf.get(value);
    if (index === undefined) indexOf.set(value, (index = strings.push(value) - 1));
    return index;
  };
  // Every text named before any block is written: the table goes in the header, ahead of them.
  for (const entry of entries) for (const tag of entry.tagged?.keys() ?? []) text(tag);
  const encodedSums = encodeLedgerSums(sums, text);
  let length = encodedSums.length + 2;
  for (const entry of worst.overall) length += entryLength(entry);
  for (const list of worst.pairs.values()) length += 3 + 2 * list.length;
  const head = new Float64Array(length);
  head.set(encodedSums, 0);
  let at = encodedSums.length;
  head[at++] = worst.overall.length;
  for (const entry of worst.overall) at = encodeEntry(entry, head, at, text);
  head[at++] = worst.pairs.size;
  for (const [key, list] of worst.pairs) {
    const [labelerA, labelerB] = key.split(':').map(Number) as [number, number];
    head.set([labelerA, labelerB, list.length], at);
    at += 3;
    for (const { sampleId, score } of list) {
      head[at++] = sampleId;
      head[at++] = score;
    }
  }
  const blocks: EncodedBlock[] = [];
  for (let start = 0; start < entries.length; start += SAMPLES_PER_BLOCK) {
    const members = entries.slice(start, start + SAMPLES_PER_BLOCK);
    blocks.push({
      first: members[0]!.sampleId,
      last: members.at(-1)!.sampleId,
      samples: members.length,
      numbers: members.reduce((n, entry) => n + entryLength(entry), 0),
      peers: members.reduce((n, entry) => n + 3 + peerRecordOf(entry).record.length, 0),
    });
  }
  const buffer = new Float64Array(Math.max(0, ...blocks.map((block) => block.numbers)));
  const peerBuffer = new Float64Array(Math.max(0, ...blocks.map((block) => block.peers)));
  const membersOf = (index: number) => entries.slice(index * SAMPLES_PER_BLOCK, index * SAMPLES_PER_BLOCK + blocks[index]!.samples);
  return {
    strings,
    head,
    blocks,
    block(index) {
      let filled = 0;
      for (const entry of membersOf(index)) filled = encodeEntry(entry, buffer, filled, text);
      return buffer.subarray(0, filled);
    },
    peers(index) {
      let filled = 0;
      for (const entry of membersOf(index)) {
        const { labelers, record } = peerRecordOf(entry);
        peerBuffer.set([entry.sampleId, labelers, record.length], filled);
        peerBuffer.set(record, filled + 3);
        filled += 3 + record.length;
      }
      return peerBuffer.subarray(0, filled);
    },
  };
}

function entryLength(entry: PackedEntry): number {
  return 5 + entry.data.length + (entry.tagged?.size ?? 0) * (1 + COINCIDENCE_WIDTH);
}

function encodeEntry(entry: PackedEntry, data: Float64Array, at: number, text: (value: string) => number): number {
  data.set([entry.sampleId, entry.score, entry.versions, entry.data.length], at);
  at += 4;
  data.set(entry.data, at);
  at += entry.data.length;
  data[at++] = entry.tagged?.size ?? 0;
  for (const [tag, coincidences] of entry.tagged ?? []) {
    data[at++] = text(tag);
    data.set(coincidences, at);
    at += COINCIDENCE_WIDTH;
  }
  return at;
}

/** How the numbers of an encoded ledger are to be read: contributions `width` wide naming one of `slots`. */
export interface EntryShape {
  width: number;
  slots: number;
}

/**
 * Reads the entries of one block as {@link encodeKeptLedger} wrote them, checking every value as
 * it is taken: whole numbers where whole, text indexes within the table, scores within 0…1,
 * sample ids increasing, each entry's data shaped as `packed-entry.ts` lays it out. Throws
 * {@link KeptLedgerDecodeError} on the first value that is not.
 */
export function decodeKeptLedger(strings: readonly string[], data: Float64Array, shape: EntryShape): PackedEntry[] {
  const read = new NumberReader(data, strings);
  const entries: PackedEntry[] = [];
  let previous = -1;
  while (!read.done) {
    const entry = decodeEntry(read, shape);
    if (entry.sampleId <= previous) read.fail('a sample id not after the one before');
    previous = entry.sampleId;
    entries.push(entry);
  }
  return entries;
}

/**
 * Checks the peer records of one block as {@link layOutKeptLedger} wrote them (`samples` of them,
 * sample ids increasing within `first`…`last`, labeler ids whole, each record's length its
 * labelers' and whole pairs', every number finite) and returns them as they are; throws
 * {@link KeptLedgerDecodeError} on the first value that is not.
 */
export function checkPeerRecords(data: Float64Array, { first, last, samples }: EntryBlock): Float64Array {
  const read = new NumberReader(data, []);
  let previous = first - 1;
  let count = 0;
  while (!read.done) {
    const sampleId = read.whole();
    if (sampleId <= previous || sampleId > last) read.fail('a sample id outside its block or not after the one before');
    previous = sampleId;
    const labelers = read.whole();
    const length = read.whole();
    if (length < 2 * labelers || (length - 2 * labelers) % 3 !== 0) read.fail('a peer record whose length is not its labelers and pairs');
    for (let k = 0; k < labelers; k++) read.whole();
    read.view(length - labelers);
    count++;
  }
  if (count !== samples) read.fail('a block whose peer records are not one per sample');
  return data;
}

/** Reads the worst lists after the sums (see above): at most {@link WORST_KEPT} each, most disagreement first, no sample twice. */
export function decodeWorstLists(read: NumberReader, shape: EntryShape): WorstLists {
  const sorted = (list: readonly ScoredSample[]) =>
    list.length <= WORST_KEPT &&
    new Set(list.map((item) => item.sampleId)).size === list.length &&
    list.every((item, at) => at === 0 || list[at - 1]!.score > item.score || (list[at - 1]!.score === item.score && list[at - 1]!.sampleId < item.sampleId));
  const overall: PackedEntry[] = [];
  for (let count = read.whole(); count > 0; count--) overall.push(decodeEntry(read, shape));
  if (!sorted(overall)) read.fail('a worst list out of order or too long');
  const pairs = new Map<string, ScoredSample[]>();
  for (let count = read.whole(); count > 0; count--) {
    const key = `${read.whole()}:${read.whole()}`;
    const list: ScoredSample[] = [];
    for (let listed = read.whole(); listed > 0; listed--) {
      const sampleId = read.whole();
      const score = read.number();
      if (score < 0 || score > 1) read.fail('a score outside 0…1');
      list.push({ sampleId, score });
    }
    if (pairs.has(key) || !sorted(list)) read.fail('a pair listed twice, or its list out of order or too long');
    pairs.set(key, list);
  }
  return { overall, pairs };
}

function decodeEntry(read: NumberReader, { width, slots }: EntryShape): PackedEntry {
  const sampleId = read.whole();
  const score = read.number();
  if (score < 0 || score > 1) read.fail('a score outside 0…1');
  const versions = read.whole();
  // A view, not a copy: the file's numbers become the ledger's.
  const entryData = read.view(read.whole());
  const problem = packedDataProblem(entryData, width, slots);
  if (problem !== null) read.fail(problem);
  let tagged: Map<string, Float64Array> | null = null;
  for (let tags = read.whole(); tags > 0; tags--) {
    const tag = read.text();
    (tagged ??= new Map()).set(tag, read.view(COINCIDENCE_WIDTH));
  }
  return { sampleId, score, data: entryData, versions, tagged };
}

/**
 * Takes numbers one by one from an encoded ledger, checking each as it is taken; its failures say
 * where in the numbers and what was wrong, never the value itself.
 */
export class NumberReader {
  private at = 0;
  private last = 0;

  constructor(
    private readonly data: Float64Array,
    private readonly strings: readonly string[],
  ) {}

  get done(): boolean {
    return this.at >= this.data.length;
  }

  fail(reason: string): never {
    throw new KeptLedgerDecodeError(`number ${this.last} of the data: ${reason}`);
  }

  number(): number {
    this.last = this.at;
    if (this.at >= this.data.length) this.fail('the data ends inside a sample');
    const value = this.data[this.at++]!;
    if (!Number.isFinite(value)) this.fail('not a number');
    return value;
  }

  whole(): number {
    const value = this.number();
    if (!Number.isInteger(value) || value < 0) this.fail('not a whole number');
    return value;
  }

  text(): string {
    const value = this.strings[this.whole()];
    if (typeof value !== 'string') this.fail('not the index of a text in the table');
    return value;
  }

  /** The next `length` numbers, each finite, as a view into the data (not a copy). */
  view(length: number): Float64Array {
    this.last = this.at;
    if (length > this.data.length - this.at) this.fail('a run of numbers longer than the data left');
    const view = this.data.subarray(this.at, this.at + length);
    for (let k = 0; k < view.length; k++) if (!Number.isFinite(view[k])) this.fail('not a number');
    this.at += length;
    return view;
  }
}
