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
 * stratum of its first sample. Within each stratum the units are shuffled with the seed and each
 * goes to the split furthest below its share of the stratum (then of the whole), so 30
 * positives among 100 samples split 60/20/20 gives 18/6/6 positives, and strata too small to
 * split still spread over the splits. Pinned samples go to test and count against its share.
 * @example assignSplits(samples, { ratios: [0.6, 0.2, 0.2], seed: 1 }).get(42) // 'dev'
 */
export function assignSplits(candidates: readonly SplitCandidate[], options: SplitOptions): Map<number, Split> {
  const { ratios } = options;
  const total = ratios[0] + ratios[1] + ratios[2];
  if (ratios.some((r) => !(r >= 0)) || Math.abs(total - 1) > 1e-9) throw new Error(`split ratios must be non-negative and sum to 1, got ${ratios.join(', ')}`);
  const pinned = options.pinnedTest ?? new Set<number>();

  // Units: exact duplicates together; a pinned member pins its whole unit. Taken in sample id
  // order (a version's candidates already are), each unit in the stratum of its first sample.
  const inOrder = isSortedById(candidates) ? candidates : [...candidates].sort((x, y) => x.sampleId - y.sampleId);
  const units = new Map<string, Unit>();
  const strata = new Map<string, Unit[]>();
  for (const candidate of inOrder) {
    const unit = units.get(candidate.sha256);
    if (unit) {
      // Duplicates are few: only a unit that has them holds a list.
      (unit.duplicates ??= []).push(candidate.sampleId);
      if (pinned.has(candidate.sampleId)) unit.pinned = true;
      continue;
    }
    const created: Unit = { first: candidate.sampleId, duplicates: null, pinned: pinned.has(candidate.sampleId) };
    units.set(candidate.sha256, created);
    const list = strata.get(candidate.stratum);
    if (list) list.push(created);
    else strata.set(candidate.stratum, [created]);
  }

  const splits = new Map<number, Split>();
  const placedOverall = [0, 0, 0];
  let totalOverall = 0;
  for (const stratum of [...strata.keys()].sort()) {
    const list = strata.get(stratum)!;
    const placed = [0, 0, 0];
    let total = 0;
    const place = (unit: Unit, index: number) => {
      const split = SPLITS[index]!;
      splits.set(unit.first, split);
      if (unit.duplicates) for (const sampleId of unit.duplicates) splits.set(sampleId, split);
      const size = sizeOf(unit);
      placed[index]! += size;
      placedOverall[index]! += size;
      total += size;
      totalOverall += size;
    };
    for (const unit of list) if (unit.pinned) place(unit, 2);
    const free = list.filter((unit) => !unit.pinned);
    // Each stratum gets its own stream, so adding a stratum does not reshuffle the others.
    shuffleInPlace(free, mulberry32(options.seed ^ hashString(stratum)));
    for (const unit of free) {
      // The split most owed, within the stratum and overall together, takes the unit: large
      // strata follow the ratios, and small ones (a sample each) still spread over the splits.
      const size = sizeOf(unit);
      let best = 0;
      let bestOwed = -Infinity;
      for (let s = 0; s < 3; s++) {
        const owed = ratios[s]! * (total + size) - placed[s]! + (ratios[s]! * (totalOverall + size) - placedOverall[s]!);
        if (owed > bestOwed + 1e-12) {
          best = s;
          bestOwed = owed;
        }
      }
      place(unit, best);
    }
  }
  return splits;
}

/** Samples with one content hash, placed together: the first by id, and any exact duplicates after it. */
interface Unit {
  first: number;
  duplicates: number[] | null;
  pinned: boolean;
}

function sizeOf(unit: Unit): number {
  return 1 + (unit.duplicates?.length ?? 0);
}

function isSortedById(candidates: readonly SplitCandidate[]): boolean {
  for (let i = 1; i < candidates.length; i++) if (candidates[i - 1]!.sampleId > candidates[i]!.sampleId) return false;
  return true;
}

function hashString(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return hash >>> 0;
}
