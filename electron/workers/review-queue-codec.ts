import type { ReviewEntry, ShareCount, ShareDimension } from '../../shared/disagreement/review-entry';
import { DISAGREEMENT_TYPES, type DisagreementType } from '../../shared/disagreement/types';

/**
 * The kept review queue written compactly: every sample's stamp, severity and entry as one flat
 * array of numbers, each text (stamps, tags, pairs, type and group names) once in a table of
 * strings and referred to by its index. At 20,000 images this is a quarter of the size of the
 * same queue as objects, and reading it is one `JSON.parse` of numbers and a loop that checks
 * each value as it takes it, instead of a schema walked over 20,000 nested objects (which took
 * most of the 4.5 s the first Review page waited for after reopening).
 *
 * One sample, in order: sampleId, stamp, severity, then 0 (labelers agree: no item) or 1 and
 * the item (labelerIds, types as type/count pairs, classIds, tags, guidelineVersions, pairs, each
 * list led by its length), then its share counts (led by their number; each dimension, 0 and a
 * number key or 1 and a text key, type, count). Texts are indexes into `strings`.
 */
export interface EncodedKeptQueue {
  strings: string[];
  data: number[];
}

export interface KeptReviewSample {
  sampleId: number;
  /** The stamp of the answers and tags the entry was computed from. */
  stamp: string;
  severity: number;
  entry: ReviewEntry;
}

const DIMENSIONS: ReadonlySet<string> = new Set<ShareDimension>(['overall', 'class', 'tag', 'version']);
const PAIR = /^\d+:\d+$/;

/** Writes `samples` as a table of strings and one array of numbers (see the file's comment). */
export function encodeKeptQueue(samples: Iterable<KeptReviewSample>): EncodedKeptQueue {
  const strings: string[] = [];
  const indexOf = new Map<string, number>();
  const text = (value: string) => {
    let index = indexOf.get(value);
    if (index === undefined) {
      index = strings.push(value) - 1;
      indexOf.set(value, index);
    }
    return index;
  };
  const data: number[] = [];
  const list = <T>(values: readonly T[], write: (value: T) => void) => {
    data.push(values.length);
    for (const value of values) write(value);
  };
  for (const { sampleId, stamp, severity, entry } of samples) {
    data.push(sampleId, text(stamp), severity);
    const { item } = entry;
    if (item === null) data.push(0);
    else {
      data.push(1);
      list(item.labelerIds, (id) => data.push(id));
      list(Object.entries(item.types), ([type, count]) => data.push(text(type), count));
      list(item.classIds, (id) => data.push(id));
      list(item.tags, (tag) => data.push(text(tag)));
      list(item.guidelineVersions, (version) => data.push(version));
      list(item.pairs, (pair) => data.push(text(pair)));
    }
    list(entry.counts, ({ dimension, key, type, count }) =>
      data.push(text(dimension), typeof key === 'string' ? 1 : 0, typeof key === 'string' ? text(key) : key, text(type), count),
    );
  }
  return { strings, data };
}

/** Why an encoded queue cannot be read: where in its numbers, and what was wrong (never the value itself). */
export class KeptQueueDecodeError extends Error {}

/**
 * Reads what {@link encodeKeptQueue} wrote, checking every value as it is taken: a number where
 * a number belongs, whole where whole, text indexes within the table, known types and groups,
 * severities within 0…1. Throws {@link KeptQueueDecodeError} on the first value that is not.
 *
 * @example
 * decodeKeptQueue(encodeKeptQueue(samples)) // deep-equals samples
 */
export function decodeKeptQueue({ strings, data }: { strings: readonly unknown[]; data: readonly unknown[] }): KeptReviewSample[] {
  let at = 0;
  // The position of the value read last, which is the one a failure is about.
  let last = 0;
  const fail = (reason: string): never => {
    throw new KeptQueueDecodeError(`number ${last} of the data: ${reason}`);
  };
  const number = () => {
    last = at;
    if (at >= data.length) fail('the data ends inside a sample');
    const value = data[at++];
    if (typeof value !== 'number' || !Number.isFinite(value)) fail('not a number');
    return value as number;
  };
  const whole = () => {
    const value = number();
    if (!Number.isInteger(value) || value < 0) fail('not a whole number');
    return value;
  };
  const text = () => {
    const index = whole();
    const value = strings[index];
    if (typeof value !== 'string') fail('not the index of a text in the table');
    return value as string;
  };
  const type = () => {
    const value = text();
    if (!Object.hasOwn(DISAGREEMENT_TYPES, value)) fail('not a disagreement type');
    return value as DisagreementType;
  };
  const list = <T>(read: () => T): T[] => {
    const length = whole();
    // Every element takes at least one number: a longer list cannot be in what is left.
    if (length > data.length - at) fail('a list longer than the data left');
    return Array.from({ length }, read);
  };
  const samples: KeptReviewSample[] = [];
  while (at < data.length) {
    const sampleId = whole();
    const stamp = text();
    const severity = number();
    if (severity < 0 || severity > 1) fail('a severity outside 0…1');
    const hasItem = whole();
    if (hasItem > 1) fail('neither 0 nor 1 before an item');
    let item: ReviewEntry['item'] = null;
    if (hasItem === 1) {
      const labelerIds = list(whole);
      const types: Partial<Record<DisagreementType, number>> = {};
      for (const [name, count] of list(() => [type(), whole()] as const)) types[name] = count;
      const classIds = list(whole);
      const tags = list(text);
      const guidelineVersions = list(whole);
      const pairs = list(() => {
        const pair = text();
        if (!PAIR.test(pair)) fail('not a labeler pair');
        return pair;
      });
      item = { sampleId, labelerIds, types, classIds, tags, guidelineVersions, pairs };
    }
    const counts = list((): ShareCount => {
      const dimension = text();
      if (!DIMENSIONS.has(dimension)) fail('not a share group');
      const keyIsText = whole();
      if (keyIsText > 1) fail('neither 0 nor 1 before a key');
      const key = keyIsText === 1 ? text() : whole();
      const shareType = type();
      const count = whole();
      if (count === 0) fail('a count of none');
      return { dimension: dimension as ShareDimension, key, type: shareType, count };
    });
    samples.push({ sampleId, stamp, severity, entry: { item, counts } });
  }
  return samples;
}
