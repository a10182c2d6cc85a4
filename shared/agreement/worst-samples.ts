import { forEachPair, type PackedEntry } from './packed-entry';

/** How many samples the dashboard lists: overall, and for each pair of labelers. */
export const WORST_SAMPLES = 100;

/** A sample in a worst list: its id and its score (the sample's, or one pair's on it). */
export interface ScoredSample {
  sampleId: number;
  score: number;
}

/** The samples with the most disagreement, overall and per pair of labelers (by `labelerA:labelerB`), each most first, ties by sample id. */
export interface WorstLists {
  overall: PackedEntry[];
  pairs: Map<string, ScoredSample[]>;
}

/** The worst lists of `entries` (every compared sample of a ledger), at most `limit` samples each. */
export function worstLists(entries: Iterable<PackedEntry>, limit = WORST_SAMPLES): WorstLists {
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

  constructor(private readonly limit = WORST_SAMPLES) {}

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

/**
 * Whether replacing sample `previous` with `next` (null: the sample is no longer compared) may
 * change `lists`: the sample is listed, or its new scores would enter a list. Otherwise the lists
 * stay as they are, and a submission costs no scan of the whole project.
 */
export function changesWorst(lists: WorstLists, previous: PackedEntry | undefined, next: PackedEntry | null, limit = WORST_SAMPLES): boolean {
  const sampleId = (previous ?? next)?.sampleId;
  if (sampleId === undefined) return false;
  if (lists.overall.some((entry) => entry.sampleId === sampleId)) return true;
  for (const list of lists.pairs.values()) if (list.some((sample) => sample.sampleId === sampleId)) return true;
  if (!next) return false;
  if (mayEnter(lists.overall, sampleId, next.score, limit)) return true;
  let enters = false;
  forEachPair(next, (labelerA, labelerB, score) => {
    const list = lists.pairs.get(`${labelerA}:${labelerB}`);
    if (!list || mayEnter(list, sampleId, score, limit)) enters = true;
  });
  return enters;
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
