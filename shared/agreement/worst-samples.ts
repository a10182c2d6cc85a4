import { forEachPair, type PackedEntry } from './packed-entry';

/** How many samples the dashboard lists: overall, and for each pair of labelers. */
export const WORST_SAMPLES = 100;
/**
 * How many samples the lists keep: a listed sample whose disagreement falls below the list's
 * last leaves it, and the list is then known only down to its shortened length. The reserve lets
 * that happen a hundred times before the dashboard's hundred need a scan of every entry (after a
 * restart, reading every block of the kept file: seconds at 100,000 samples).
 */
export const WORST_KEPT = 2 * WORST_SAMPLES;

/** A sample in a worst list: its id and its score (the sample's, or one pair's on it). */
export interface ScoredSample {
  sampleId: number;
  score: number;
}

/**
 * The samples with the most disagreement, overall and per pair of labelers (by `labelerA:labelerB`),
 * each most first, ties by sample id: each list the exact head of its ranking, as long as it is.
 */
export interface WorstLists {
  overall: PackedEntry[];
  pairs: Map<string, ScoredSample[]>;
}

/** The worst lists of `entries` (every compared sample of a ledger), at most `limit` samples each. */
export function worstLists(entries: Iterable<PackedEntry>, limit = WORST_KEPT): WorstLists {
  const builder = new WorstListsBuilder(limit);
  for (const entry of entries) builder.add(entry);
  return builder.lists();
}

/** Worst lists taken in as entries come (a kept ledger's are read a block at a time); the order they come in does not matter. */
export class WorstListsBuilder {
  private readonly overall: PackedEntry[] = [];
  // By labeler A, then B, with the pair's text key: looked up by numbers, no text built per sample (a scan of 100,000 samples at a restart).
  private readonly pairs = new Map<number, Map<number, { key: string; list: ScoredSample[] }>>();
  private readonly made: Array<{ key: string; list: ScoredSample[] }> = [];

  constructor(private readonly limit = WORST_KEPT) {}

  add(entry: PackedEntry): void {
    const { limit } = this;
    keepIfWorse(this.overall, entry, entry.sampleId, entry.score, limit);
    forEachPair(entry, (labelerA, labelerB, score) => {
      let byB = this.pairs.get(labelerA);
      if (!byB) this.pairs.set(labelerA, (byB = new Map()));
      let pair = byB.get(labelerB);
      if (!pair) {
        pair = { key: `${labelerA}:${labelerB}`, list: [] };
        byB.set(labelerB, pair);
        this.made.push(pair);
      }
      if (mayEnter(pair.list, entry.sampleId, score, limit)) keepIfWorse(pair.list, { sampleId: entry.sampleId, score }, entry.sampleId, score, limit);
    });
  }

  /** The lists of the entries added so far. */
  lists(): WorstLists {
    return { overall: [...this.overall], pairs: new Map(this.made.map(({ key, list }) => [key, [...list]])) };
  }
}

/** A copy of `lists` whose lists can change apart from the original's (the samples in them are shared). */
export function copyWorstLists(lists: WorstLists): WorstLists {
  return { overall: [...lists.overall], pairs: new Map([...lists.pairs].map(([key, list]) => [key, [...list]])) };
}

/** Whether two worst lists name the same samples with the same scores, in the same order (pairs in any order). */
export function sameWorstLists(x: WorstLists, y: WorstLists): boolean {
  const same = (a: readonly ScoredSample[], b: readonly ScoredSample[]) =>
    a.length === b.length && a.every((item, at) => item.sampleId === b[at]!.sampleId && item.score === b[at]!.score);
  if (!same(x.overall, y.overall) || x.pairs.size !== y.pairs.size) return false;
  for (const [key, list] of x.pairs) {
    const other = y.pairs.get(key);
    if (!other || !same(list, other)) return false;
  }
  return true;
}

/** How many samples each ranking holds: every compared sample overall, those both labelers answered for a pair. */
export interface RankingSizes {
  overall: number;
  pair(key: string): number;
}

/**
 * Updates `lists` in place for sample `previous` becoming `next` (either missing: the sample is
 * not compared before or after), without a scan: the sample leaves the lists it was in and
 * enters those where it ranks before the last listed (or where the list holds its whole ranking).
 * `sizes` are the rankings' sizes before the change. False when a list now holds fewer than it
 * shows (`shown`) though its ranking has more: the lists are to be made again from every entry.
 *
 * @example
 * if (!updateWorstLists(lists, kept, entry, sizes)) lists = worstLists(allEntries);
 */
export function updateWorstLists(
  lists: WorstLists,
  previous: PackedEntry | undefined,
  next: PackedEntry | null,
  sizes: RankingSizes,
  limit = WORST_KEPT,
  shown = WORST_SAMPLES,
): boolean {
  const sampleId = (previous ?? next)?.sampleId;
  if (sampleId === undefined) return true;
  let whole = updateList(lists.overall, sampleId, previous !== undefined, next, sizes.overall, limit, shown);
  const scores = new Map<string, { before: boolean; after: number | null }>();
  if (previous) forEachPair(previous, (labelerA, labelerB) => scores.set(`${labelerA}:${labelerB}`, { before: true, after: null }));
  if (next) {
    forEachPair(next, (labelerA, labelerB, score) => {
      const key = `${labelerA}:${labelerB}`;
      scores.set(key, { before: scores.has(key), after: score });
    });
  }
  for (const [key, { before, after }] of scores) {
    let list = lists.pairs.get(key);
    if (!list) lists.pairs.set(key, (list = []));
    const size = sizes.pair(key);
    if (!updateList(list, sampleId, before, after === null ? null : { sampleId, score: after }, size, limit, shown)) whole = false;
    // A pair nobody compares any more has no list, as in lists made afresh.
    if (list.length === 0 && size - (before ? 1 : 0) + (after === null ? 0 : 1) === 0) lists.pairs.delete(key);
  }
  return whole;
}

/**
 * One list of {@link updateWorstLists}: `list` the exact head of a ranking of `size` samples, of
 * which sample `sampleId` was one (`before`) and is now `item` (null: no longer ranked). Whether
 * the list still shows what it must.
 */
function updateList<T extends ScoredSample>(list: T[], sampleId: number, before: boolean, item: T | null, size: number, limit: number, shown: number): boolean {
  const at = list.findIndex((listed) => listed.sampleId === sampleId);
  if (at >= 0) list.splice(at, 1);
  const others = size - (before ? 1 : 0);
  const last = list[list.length - 1];
  // Below the last listed, the sample's place is unknown unless the list holds every other sample.
  if (item && (list.length === others || (last !== undefined && ranksBefore(item, last)))) keepIfWorse(list, item, item.sampleId, item.score, limit);
  return list.length >= Math.min(shown, others + (item ? 1 : 0));
}

function ranksBefore(x: ScoredSample, y: ScoredSample): boolean {
  return x.score > y.score || (x.score === y.score && x.sampleId < y.sampleId);
}

/** Whether a sample of this id and score belongs in `list` (sorted, at most `limit` long). */
function mayEnter(list: readonly ScoredSample[] | readonly PackedEntry[], sampleId: number, score: number, limit: number): boolean {
  if (list.length < limit) return true;
  const last = list[list.length - 1]!;
  return score > last.score || (score === last.score && sampleId < last.sampleId);
}

/** Inserts `item` in its place in `list` (most disagreement first, ties by sample id) and keeps the first `limit`. */
function keepIfWorse<T extends ScoredSample>(list: T[], item: T, sampleId: number, score: number, limit: number): void {
  if (!mayEnter(list, sampleId, score, limit)) return;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const other = list[middle]!;
    if (other.score > score || (other.score === score && other.sampleId < sampleId)) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, item);
  if (list.length > limit) list.pop();
}
