import { mulberry32, shuffleInPlace } from '../assignment/prng';

export type Split = 'train' | 'dev' | 'test';
export const SPLITS: readonly Split[] = ['train', 'dev', 'test'];

/** A sample to place: its content hash (exact duplicates share it) and the stratum it belongs to. */
export interface SplitCandidate {
  sampleId: number;
  sha256: string;
  /** Samples of one stratum are spread over the splits in the ratios (e.g. the rarest class present). */
  stratum: string;
}

export interface SplitOptions {
  /** Train, dev and test shares; they must be non-negative and sum to 1. */
  ratios: readonly [train: number, dev: number, test: number];
  seed: number;
  /** Samples that must be in test (a test set pinned across versions). */
  pinnedTest?: ReadonlySet<number>;
}

/**
 * Train/dev/test splits, stratified and deterministic. Exact duplicates (same content hash) form
 * one unit that goes to one split, so no image or clip is in two splits; a unit is put in the
 * stratum of its first sample. Within each stratum the units are shuffled with the seed and cut
 * by the ratios, rounding by largest remainder, so 30 positives among 100 samples split
 * 60/20/20 gives 18/6/6 positives. Pinned samples go to test and count against its share.
 * @example assignSplits(samples, { ratios: [0.6, 0.2, 0.2], seed: 1 }).get(42) // 'dev'
 */
export function assignSplits(candidates: readonly SplitCandidate[], options: SplitOptions): Map<number, Split> {
  const { ratios } = options;
  const total = ratios[0] + ratios[1] + ratios[2];
  if (ratios.some((r) => !(r >= 0)) || Math.abs(total - 1) > 1e-9) throw new Error(`split ratios must be non-negative and sum to 1, got ${ratios.join(', ')}`);
  const pinned = options.pinnedTest ?? new Set<number>();

  // Units: exact duplicates together; a pinned member pins its whole unit.
  const units = new Map<string, { stratum: string; sampleIds: number[]; pinned: boolean }>();
  for (const candidate of [...candidates].sort((x, y) => x.sampleId - y.sampleId)) {
    let unit = units.get(candidate.sha256);
    if (!unit) units.set(candidate.sha256, (unit = { stratum: candidate.stratum, sampleIds: [], pinned: false }));
    unit.sampleIds.push(candidate.sampleId);
    if (pinned.has(candidate.sampleId)) unit.pinned = true;
  }
  const strata = new Map<string, (typeof units extends Map<string, infer U> ? U : never)[]>();
  for (const unit of units.values()) {
    let list = strata.get(unit.stratum);
    if (!list) strata.set(unit.stratum, (list = []));
    list.push(unit);
  }

  const splits = new Map<number, Split>();
  for (const stratum of [...strata.keys()].sort()) {
    const list = strata.get(stratum)!;
    const size = list.reduce((sum, unit) => sum + unit.sampleIds.length, 0);
    const quota = largestRemainder(size, ratios);
    const place = (unit: (typeof list)[number], split: Split) => {
      for (const sampleId of unit.sampleIds) splits.set(sampleId, split);
      quota[SPLITS.indexOf(split)]! -= unit.sampleIds.length;
    };
    for (const unit of list) if (unit.pinned) place(unit, 'test');
    const free = list.filter((unit) => !unit.pinned);
    // Each stratum gets its own stream, so adding a stratum does not reshuffle the others.
    shuffleInPlace(free, mulberry32(options.seed ^ hashString(stratum)));
    for (const unit of free) {
      // The split furthest below its quota takes the unit (train first on ties).
      let best = 0;
      for (let s = 1; s < 3; s++) if (quota[s]! > quota[best]!) best = s;
      place(unit, SPLITS[best]!);
    }
  }
  return splits;
}

/** Whole counts per split that sum to `size`, by largest remainder (ties to the earlier split). */
function largestRemainder(size: number, ratios: readonly number[]): number[] {
  const exact = ratios.map((ratio) => ratio * size);
  const counts = exact.map(Math.floor);
  let left = size - counts.reduce((sum, count) => sum + count, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((x, y) => y.remainder - x.remainder || x.index - y.index);
  for (const { index } of order) {
    if (left === 0) break;
    counts[index]!++;
    left--;
  }
  return counts;
}

function hashString(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}
