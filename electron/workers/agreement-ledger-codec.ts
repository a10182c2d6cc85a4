import { COINCIDENCE_WIDTH } from '../../shared/agreement/binary-alpha';
import type { LedgerSums } from '../../shared/agreement/ledger-sums';
import { packedDataProblem, type PackedEntry, type SlotName } from '../../shared/agreement/packed-entry';
import { encodeLedgerSums } from './agreement-ledger-sums-codec';

/**
 * A kept agreement ledger's compared samples as one array of numbers, each text (tag names) once
 * in a table of strings and referred to by its index. One sample, in order: sampleId, score,
 * versions, the length of its packed data and the data (see `packed-entry.ts`; slot numbers name
 * the file's table of slots), then its tags (led by their number; each tag's name and its
 * `COINCIDENCE_WIDTH` coincidences). Samples come in increasing id. The ledger's sums follow
 * the samples (see `agreement-ledger-sums-codec.ts`), from number `sumsAt` on.
 */

/** Why an encoded ledger cannot be read: where in its numbers, and what was wrong (never the value itself). */
export class KeptLedgerDecodeError extends Error {}

/** Samples encoded between two pauses: a large ledger is written without holding the worker's requests for long. */
const SAMPLES_PER_PAUSE = 2_000;

/**
 * Writes `entries` (in increasing sample id) and the ledger's `sums` as a table of strings and
 * one array of numbers (see above), pausing every {@link SAMPLES_PER_PAUSE} samples so the thread
 * answers requests meanwhile. The entries must not change while it runs (a ledger replaces an
 * entry, it never changes one); the sums are a copy.
 */
export async function encodeKeptLedger(entries: readonly PackedEntry[], sums: LedgerSums): Promise<{ strings: string[]; data: Float64Array; sumsAt: number }> {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const text = (value: string) => {
    let index = indexOf.get(value);
    if (index === undefined) indexOf.set(value, (index = strings.push(value) - 1));
    return index;
  };
  const encodedSums = encodeLedgerSums(sums, text);
  let sumsAt = 0;
  for (const entry of entries) sumsAt += 5 + entry.data.length + (entry.tagged?.size ?? 0) * (1 + COINCIDENCE_WIDTH);
  // One array, filled in place: no copy per sample, no second copy to join them.
  const data = new Float64Array(sumsAt + encodedSums.length);
  data.set(encodedSums, sumsAt);
  let at = 0;
  for (let index = 0; index < entries.length; index++) {
    if (index > 0 && index % SAMPLES_PER_PAUSE === 0) await new Promise((resume) => setImmediate(resume));
    const entry = entries[index]!;
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
  }
  return { strings, data, sumsAt };
}

/**
 * Reads what {@link encodeKeptLedger} wrote, checking every value as it is taken: whole numbers
 * where whole, text indexes within the table, scores within 0…1, sample ids increasing, each
 * entry's data shaped as `packed-entry.ts` lays it out for contributions `width` wide naming one
 * of `slots`. Throws {@link KeptLedgerDecodeError} on the first value that is not.
 */
export function decodeKeptLedger(strings: readonly string[], data: Float64Array, width: number, slots: readonly SlotName[]): PackedEntry[] {
  const read = new NumberReader(data, strings);
  const entries: PackedEntry[] = [];
  let previous = -1;
  while (!read.done) {
    const sampleId = read.whole();
    if (sampleId <= previous) read.fail('a sample id not after the one before');
    previous = sampleId;
    const score = read.number();
    if (score < 0 || score > 1) read.fail('a score outside 0…1');
    const versions = read.whole();
    // A view, not a copy: the file's numbers become the ledger's.
    const entryData = read.view(read.whole());
    const problem = packedDataProblem(entryData, width, slots.length);
    if (problem !== null) read.fail(problem);
    let tagged: Map<string, Float64Array> | null = null;
    for (let tags = read.whole(); tags > 0; tags--) {
      const tag = read.text();
      (tagged ??= new Map()).set(tag, read.view(COINCIDENCE_WIDTH));
    }
    entries.push({ sampleId, score, data: entryData, versions, tagged });
  }
  return entries;
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
