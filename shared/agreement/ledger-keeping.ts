import type { KeyedPoissonBootstrap, PoissonBootstrap } from '../metrics/poisson-bootstrap';
import type { EntryStore, DeferredEntries } from './entry-store';
import { addCounts, countsProblem, emptyCounts, sameCounts, sumsProblem, type EntryCounts, type KeptPool, type LedgerSums } from './ledger-sums';
import type { PackedEntry, SlotName, SlotTable } from './packed-entry';
import { Pool } from './pool';
import type { Dimension } from './sample-entry';
import { copyWorstLists, sameWorstLists, WorstListsBuilder, type WorstLists } from './worst-samples';

/**
 * What keeping a ledger and taking it back in a later session reach inside it: its entries, its
 * table of groups and its running sums. The ledger hands these to the functions below; nothing
 * else of it is touched, so a ledger's arithmetic and its keeping change apart.
 */
export interface LedgerInsides {
  /** How many numbers each contribution's counts take. */
  readonly width: number;
  /** Bins of the score histogram. */
  readonly bins: number;
  readonly slots: SlotTable;
  readonly entries: EntryStore;
  /** Every group's pool, by dimension then key, in the order the ledger made them. */
  readonly pools: ReadonlyMap<Dimension, Map<string, Pool>>;
  /** The group's resamples (null: the group has no interval, or the options no bootstrap); `make` makes them when missing. */
  resamplesOf(dimension: Dimension, key: string, make: boolean): PoissonBootstrap | null;
  /** Whether groups of `dimension` carry resamples under the ledger's options. */
  resampled(dimension: Dimension): boolean;
  readonly classBootstrap: KeyedPoissonBootstrap | null;
  readonly histogram: number[];
  readonly emptyFlag: Float64Array;
  readonly untagged: Float64Array;
  readonly tagged: Map<string, { sums: Float64Array; samples: number }>;
  /** Sets the worst lists a restored ledger answers from until a change needs them made again. */
  keepWorst(worst: WorstLists): void;
}

/** What a ledger keeps between sessions: see `AgreementLedger.kept`. */
export interface KeptParts {
  entries: IterableIterator<PackedEntry>;
  slots: SlotName[];
  sums: LedgerSums;
}

/** The ledger's entries (its own, replaced never changed), the names of its groups and a copy of its sums. */
export function keptParts(ledger: LedgerInsides): KeptParts {
  const pools: KeptPool[] = [];
  for (const [dimension, byKey] of ledger.pools) {
    for (const [key, pool] of byKey) {
      pools.push({
        slot: ledger.slots.id(dimension, key),
        counts: pool.counts.slice(),
        comparisons: pool.comparisons,
        samples: pool.samples,
        confusion: [...pool.confusion],
        resamples: ledger.resamplesOf(dimension, key, false)?.keptSums() ?? null,
      });
    }
  }
  const sums: LedgerSums = {
    histogram: [...ledger.histogram],
    emptyFlag: ledger.emptyFlag.slice(),
    untagged: ledger.untagged.slice(),
    pools,
    classSums: ledger.classBootstrap?.keptSums() ?? [],
    tagged: [...ledger.tagged].map(([tag, { sums: tagSums, samples }]) => ({ tag, sums: tagSums.slice(), samples })),
  };
  return { entries: ledger.entries.values(), slots: ledger.slots.names(), sums };
}

/** Fills the empty `ledger` with kept `entries` and `sums` (see `AgreementLedger.restoreKept`); throws when they do not fit. */
export function restoreKept(ledger: LedgerInsides, slots: readonly SlotName[], entries: readonly PackedEntry[], sums: LedgerSums): void {
  const problem = sumsProblem(sums, entries, slots, ledger.width, ledger.bins);
  if (problem !== null) throw new Error(`the kept sums do not fit its samples: ${problem}`);
  restoreSums(ledger, slots, sums);
  for (const entry of entries) {
    if (ledger.entries.has(entry.sampleId)) throw new Error(`sample ${entry.sampleId} kept twice`);
    ledger.entries.set(entry.sampleId, entry);
  }
}

/**
 * Fills the empty `ledger` with kept `sums` and `worst` lists, its entries left to `deferred`
 * (see `AgreementLedger.restoreDeferred`): the counts are checked against the sums now, and the
 * entries against the counts and the lists as kept (a copy: the ledger's own follow its changes)
 * as their blocks are read; a block that does not fit throws when read.
 */
export function restoreDeferred(
  ledger: LedgerInsides,
  slots: readonly SlotName[],
  sums: LedgerSums,
  counts: EntryCounts,
  worst: WorstLists,
  deferred: DeferredEntries,
): void {
  if (counts.histogram.length !== ledger.bins || counts.uses.length !== slots.length) throw new Error('kept counts of another shape than the ledger');
  const problem = countsProblem(sums, counts, ledger.width);
  if (problem !== null) throw new Error(`the kept sums do not fit its samples: ${problem}`);
  restoreSums(ledger, slots, sums);
  const keptWorst = copyWorstLists(worst);
  const read = emptyCounts(slots.length, ledger.bins);
  const readWorst = new WorstListsBuilder();
  const listed = new Map(keptWorst.overall.map((entry) => [entry.sampleId, entry]));
  ledger.entries.defer(deferred, (entries, last) => {
    addCounts(read, entries, ledger.width, slots);
    for (const entry of entries) {
      readWorst.add(entry);
      const kept = listed.get(entry.sampleId);
      if (kept && (kept.score !== entry.score || kept.data.join() !== entry.data.join()))
        throw new Error(`sample ${entry.sampleId} is listed as another entry than kept`);
    }
    if (!last) return;
    if (!sameCounts(read, counts)) throw new Error('the kept entries do not count what their sums count');
    if (!sameWorstLists(readWorst.lists(), keptWorst)) throw new Error('the kept worst lists are not those of its entries');
  });
  ledger.keepWorst(copyWorstLists(worst));
}

/** Takes back the kept sums into the empty `ledger`, their groups named by `slots`. */
function restoreSums(ledger: LedgerInsides, slots: readonly SlotName[], sums: LedgerSums): void {
  if (ledger.entries.size > 0 || ledger.slots.size > 0) throw new Error('a kept ledger restored into one that is not empty');
  for (const [index, { dimension, key }] of slots.entries()) {
    if (ledger.slots.id(dimension, key) !== index) throw new Error('the kept table of groups names a group twice');
  }
  for (const kept of sums.pools) {
    const dimension = ledger.slots.dimension(kept.slot);
    const key = ledger.slots.key(kept.slot);
    const pool = new Pool(ledger.width);
    pool.counts.set(kept.counts);
    pool.comparisons = kept.comparisons;
    pool.samples = kept.samples;
    for (const [confusionKey, count] of kept.confusion) pool.confusion.set(confusionKey, count);
    ledger.pools.get(dimension)!.set(key, pool);
    if (ledger.resampled(dimension) !== (kept.resamples !== null))
      throw new Error('a kept group with resamples where the options have none, or without where they have');
    if (kept.resamples) ledger.resamplesOf(dimension, key, true)!.restoreSums(kept.resamples);
  }
  if (!ledger.classBootstrap && sums.classSums.length > 0) throw new Error('kept class resamples where the options have none');
  ledger.classBootstrap?.restoreSums(sums.classSums);
  ledger.histogram.splice(0, ledger.bins, ...sums.histogram);
  ledger.emptyFlag.set(sums.emptyFlag);
  ledger.untagged.set(sums.untagged);
  for (const { tag, sums: tagSums, samples } of sums.tagged) ledger.tagged.set(tag, { sums: tagSums.slice(), samples });
}
