import { COINCIDENCE_WIDTH } from './binary-alpha';
import { DerivedSlots, derivedGroup, derivedVersionSlot, forEachSlot, labelerIdsOf, type PackedEntry, type SlotName } from './packed-entry';

/**
 * An agreement ledger's running sums, as a later session takes them back instead of adding every
 * sample again (hashing each one's Poisson weights and adding them into every resample: seconds
 * at 100,000 samples). Pools and tags are listed in the order the ledger made them, so a ledger
 * restored from them iterates its groups as the one that kept them did.
 */
export interface LedgerSums {
  /** Samples per score bin of the dashboard's histogram. */
  histogram: number[];
  emptyFlag: Float64Array;
  untagged: Float64Array;
  pools: KeptPool[];
  /** The overall confusion of matched boxes' classes, per resample (boxes with a bootstrap; else empty). */
  classSums: Array<{ key: number; sums: Float64Array }>;
  /** Per tag: the sum of the samples' tag coincidences, and how many samples gave them. */
  tagged: Array<{ tag: string; sums: Float64Array; samples: number }>;
}

/** One group's sums: the slot naming it, its pooled counts, and (groups with an interval) its resamples' sums. */
export interface KeptPool {
  slot: number;
  counts: Float64Array;
  comparisons: number;
  samples: number;
  /** Matched pairs by confusion key, in the pool's order. */
  confusion: Array<[key: number, count: number]>;
  /** `resamples × width` numbers for a group with a bootstrap interval; null for the others. */
  resamples: Float64Array | null;
}

/**
 * How many of a ledger's entries reach each group (by slot number), fall in each bin of the score
 * histogram, and carry each tag: what a ledger's sums must count (see {@link countsProblem}). A
 * kept ledger's file keeps these beside its sums, so they are checked before its entries are read.
 */
export interface EntryCounts {
  uses: number[];
  histogram: number[];
  tags: Map<string, number>;
}

/** Counts of no entries yet, for `slots` groups and a histogram of `bins` bins; {@link addCounts} adds entries. */
export function emptyCounts(slots: number, bins: number): EntryCounts {
  return { uses: new Array<number>(slots).fill(0), histogram: new Array<number>(bins).fill(0), tags: new Map() };
}

/**
 * Adds `entries` (contributions `width` wide, groups named by `slots`) to `counts`, each labeler
 * of an entry reaching their group and, for an entry whose version is derived, its version's
 * groups (entries leave those contributions out, see `packEntry`); throws when an entry names a
 * group outside the table.
 */
export function addCounts(counts: EntryCounts, entries: Iterable<PackedEntry>, width: number, slots: readonly SlotName[]): void {
  const bins = counts.histogram.length;
  const labelerSlots = new Map<number, number>();
  const slotOfName = new Map<string, number>();
  slots.forEach(({ dimension, key }, slot) => {
    if (dimension === 'labeler') labelerSlots.set(Number(key), slot);
    slotOfName.set(`${dimension}\0${key}`, slot);
  });
  const derivedSlots = new DerivedSlots((versionSlot, slot) => {
    const group = derivedGroup(slots[versionSlot]!.key, slots[slot]!.dimension, slots[slot]!.key);
    if (!group) return -1;
    const derived = slotOfName.get(`${group.dimension}\0${group.key}`);
    if (derived === undefined) throw new Error('an entry of a version group outside the table');
    return derived;
  });
  for (const entry of entries) {
    const versionSlot = derivedVersionSlot(entry);
    if (versionSlot !== null && slots[versionSlot]?.dimension !== 'version') throw new Error('an entry whose derived version is not a version of the table');
    forEachSlot(entry, width, (slot) => {
      if (!(slot < counts.uses.length)) throw new Error('an entry of a group outside the table');
      counts.uses[slot]!++;
      const derived = versionSlot === null ? -1 : derivedSlots.get(versionSlot, slot);
      if (derived >= 0) counts.uses[derived]!++;
    });
    for (const labelerId of labelerIdsOf(entry)) {
      const slot = labelerSlots.get(labelerId);
      if (slot === undefined || !(slot < counts.uses.length)) throw new Error('an entry of a labeler outside the table');
      counts.uses[slot]!++;
    }
    counts.histogram[Math.min(bins - 1, Math.floor(entry.score * bins))]!++;
    for (const tag of entry.tagged?.keys() ?? []) counts.tags.set(tag, (counts.tags.get(tag) ?? 0) + 1);
  }
}

/** Whether two counts are the same, tags in any order. */
export function sameCounts(x: EntryCounts, y: EntryCounts): boolean {
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((value, at) => value === b[at]);
  return same(x.uses, y.uses) && same(x.histogram, y.histogram) && x.tags.size === y.tags.size && [...x.tags].every(([tag, n]) => y.tags.get(tag) === n);
}

/**
 * Why `sums` cannot be the sums of `entries` (whose groups `slots` names, contributions `width`
 * wide, histogram of `bins` bins), as far as counting tells without adding them up: each
 * group's pool must count exactly the entries that reach it, the histogram the entries' scores,
 * each tag the entries that carry it. Null when they agree. A file built by hand to pass this can
 * still carry other sums, as its database can carry other answers; what this catches is a file
 * whose parts were not kept together.
 */
export function sumsProblem(sums: LedgerSums, entries: readonly PackedEntry[], slots: readonly SlotName[], width: number, bins: number): string | null {
  const counts = emptyCounts(slots.length, bins);
  try {
    addCounts(counts, entries, width, slots);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return countsProblem(sums, counts, width);
}

/** As {@link sumsProblem}, from the entries' {@link EntryCounts} (their `uses` one per slot, `histogram` one per bin). */
export function countsProblem(sums: LedgerSums, counts: EntryCounts, width: number): string | null {
  const { uses, histogram, tags: tagUses } = counts;
  if (sums.histogram.length !== histogram.length || sums.histogram.some((count, bin) => count !== histogram[bin])) {
    return 'a histogram that does not count the samples';
  }
  if (sums.emptyFlag.length !== COINCIDENCE_WIDTH || sums.untagged.length !== COINCIDENCE_WIDTH) return 'flag sums of another size';
  const pooled = new Set<number>();
  for (const pool of sums.pools) {
    if (pool.slot >= uses.length || pooled.has(pool.slot)) return 'a pool of a group outside the table, or of one group twice';
    pooled.add(pool.slot);
    if (pool.samples !== uses[pool.slot]) return 'a pool whose samples are not those reaching its group';
    if (pool.counts.length !== width) return 'a pool of another width';
  }
  if (pooled.size !== uses.filter((count) => count > 0).length) return 'a group some sample reaches without its pool';
  if (sums.tagged.length !== tagUses.size || sums.tagged.some(({ tag, samples }) => tagUses.get(tag) !== samples))
    return 'tag sums whose samples are not those tagged';
  if (sums.tagged.some(({ sums: tagSums }) => tagSums.length !== COINCIDENCE_WIDTH)) return 'tag sums of another size';
  return null;
}
