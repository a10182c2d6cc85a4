import { COINCIDENCE_WIDTH } from '../../shared/agreement/binary-alpha';
import { packedDataProblem, type PackedEntry, type SlotName } from '../../shared/agreement/packed-entry';

/**
 * A kept agreement ledger's samples as one array of numbers, each text (stamps, tag names) once
 * in a table of strings and referred to by its index. One sample, in order: sampleId, stamp, then
 * 0 (fewer than two labelers answered it: not compared) or 1, score, versions, the length of its packed data and the data (see `packed-entry.ts`; slot
 * numbers name the file's table of slots), then its tags (led by their number; each tag's name
 * and its `COINCIDENCE_WIDTH` coincidences). Samples come in increasing id.
 */
export interface KeptLedgerSample {
  sampleId: number;
  /** The stamp of the answers and tags the entry was measured from (see `submittedStamps`). */
  stamp: string;
  /** Null when the sample is not compared (fewer than two labelers answered it). */
  entry: PackedEntry | null;
}

/** Why an encoded ledger cannot be read: where in its numbers, and what was wrong (never the value itself). */
export class KeptLedgerDecodeError extends Error {}

/** Samples encoded between two pauses: a large ledger is written without holding the worker's requests for long. */
const SAMPLES_PER_PAUSE = 2_000;

/**
 * Writes `samples` as a table of strings and one array of numbers (see the file's comment),
 * pausing every {@link SAMPLES_PER_PAUSE} samples so the thread answers requests meanwhile. The
 * entries must not change while it runs (a ledger replaces an entry, it never changes one).
 */
export async function encodeKeptLedger(samples: readonly KeptLedgerSample[]): Promise<{ strings: string[]; data: Float64Array }> {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const text = (value: string) => {
    let index = indexOf.get(value);
    if (index === undefined) indexOf.set(value, (index = strings.push(value) - 1));
    return index;
  };
  let length = 0;
  for (const { entry } of samples) length += entry === null ? 3 : 7 + entry.data.length + (entry.tagged?.size ?? 0) * (1 + COINCIDENCE_WIDTH);
  // One array, filled in place: no copy per sample, no second copy to join them.
  const data = new Float64Array(length);
  let at = 0;
  for (let index = 0; index < samples.length; index++) {
    if (index > 0 && index % SAMPLES_PER_PAUSE === 0) await new Promise((resume) => setImmediate(resume));
    const { sampleId, stamp, entry } = samples[index]!;
    data[at++] = sampleId;
    data[at++] = text(stamp);
    if (entry === null) {
      data[at++] = 0;
      continue;
    }
    data.set([1, entry.score, entry.versions, entry.data.length], at);
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
  return { strings, data };
}

/**
 * Reads what {@link encodeKeptLedger} wrote, checking every value as it is taken: whole numbers
 * where whole, text indexes within the table, scores within 0…1, sample ids increasing, each
 * entry's data shaped as `packed-entry.ts` lays it out for contributions `width` wide naming one
 * of `slots`. Throws {@link KeptLedgerDecodeError} on the first value that is not.
 */
export function decodeKeptLedger(strings: readonly string[], data: Float64Array, width: number, slots: readonly SlotName[]): Map<number, KeptLedgerSample> {
  let at = 0;
  let last = 0;
  const fail = (reason: string): never => {
    throw new KeptLedgerDecodeError(`number ${last} of the data: ${reason}`);
  };
  const number = () => {
    last = at;
    if (at >= data.length) fail('the data ends inside a sample');
    const value = data[at++]!;
    if (!Number.isFinite(value)) fail('not a number');
    return value;
  };
  const whole = () => {
    const value = number();
    if (!Number.isInteger(value) || value < 0) fail('not a whole number');
    return value;
  };
  const text = () => {
    const value = strings[whole()];
    if (typeof value !== 'string') fail('not the index of a text in the table');
    return value!;
  };
  const samples = new Map<number, KeptLedgerSample>();
  let previous = -1;
  while (at < data.length) {
    const sampleId = whole();
    if (sampleId <= previous) fail('a sample id not after the one before');
    previous = sampleId;
    const stamp = text();
    const compared = whole();
    if (compared > 1) fail('neither 0 nor 1 before an entry');
    if (compared === 0) {
      samples.set(sampleId, { sampleId, stamp, entry: null });
      continue;
    }
    const score = number();
    if (score < 0 || score > 1) fail('a score outside 0…1');
    const versions = whole();
    const length = whole();
    if (length > data.length - at) fail('an entry longer than the data left');
    // A view, not a copy: the file's numbers become the ledger's (it renumbers their slots in place).
    const entryData = data.subarray(at, at + length);
    const problem = packedDataProblem(entryData, width, slots.length);
    if (problem !== null) fail(problem);
    at += length;
    let tagged: Map<string, Float64Array> | null = null;
    for (let tags = whole(); tags > 0; tags--) {
      const tag = text();
      last = at;
      if (COINCIDENCE_WIDTH > data.length - at) fail('the data ends inside a tag');
      const coincidences = data.subarray(at, at + COINCIDENCE_WIDTH);
      if (!coincidences.every(Number.isFinite)) fail('not a number');
      at += COINCIDENCE_WIDTH;
      (tagged ??= new Map()).set(tag, coincidences);
    }
    samples.set(sampleId, { sampleId, stamp, entry: { sampleId, score, data: entryData, versions, tagged } });
  }
  return samples;
}
