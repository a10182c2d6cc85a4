/**
 * The overlapping-assignment planner: which labelers label which samples, so that each sample is
 * labeled independently by k labelers (for agreement metrics), calibration samples by everyone,
 * the load is even, and work already started never moves.
 */

import { mulberry32, shuffleInPlace, type Random } from './prng';

/** The overlap used when a project does not choose one: two labelers per sample. */
export const DEFAULT_OVERLAP = 2;

export interface AssignmentInput {
  /** Samples to plan, in queue order (duplicates are ignored after the first). */
  sampleIds: readonly number[];
  /** Active labelers (role 'labeler'; the caller filters). Duplicates are ignored. */
  labelerIds: readonly number[];
  /** k: distinct labelers per sample, an integer ≥ 1 (see {@link DEFAULT_OVERLAP}); clamped to `labelerIds.length`. */
  overlap: number;
  /** Sample ids every labeler labels (e.g. the first N, or a chosen set); ids not in `sampleIds` are ignored. */
  calibration: readonly number[];
  /** Same input + seed => same plan. Taken as an unsigned 32-bit integer. */
  seed: number;
  /**
   * Work that must not move: (sample, labeler) pairs already started (draft or submitted). Every
   * one is kept in the plan, even for a labeler no longer active or a sample no longer listed.
   */
  locked: ReadonlyArray<{ sampleId: number; labelerId: number }>;
}

/** One labeler's task of labeling one sample. */
export interface Assignment {
  sampleId: number;
  labelerId: number;
}

/**
 * Plans who labels what.
 *
 * - Every calibration sample goes to every active labeler.
 * - Every other sample goes to min(k, #labelers) distinct labelers; locked pairs count toward that
 *   (a sample with more locked labelers than k keeps them all and gets no more).
 * - Every locked pair is kept; new work goes only to active labelers.
 * - Load is balanced greedily: each sample goes to the labelers with the least load so far (locked
 *   work counted from the start), ties broken in a seeded pseudo-random order, so every active
 *   labeler ends within 1 of every other unless locked work makes that impossible. Samples that
 *   already have locked labelers are placed first, so the free samples can even out what the
 *   locked work skewed.
 *
 * Runs in O(S·L) for S samples and L labelers (plus sorting the output). The result is sorted by
 * sampleId then labelerId, and is identical for identical input.
 *
 * To rebalance after labelers join or leave, call it again with the new labeler list and the
 * started work as `locked`, then apply {@link diffPlans} of the old and new plans.
 * @example
 * planAssignments({ sampleIds: [1, 2, 3], labelerIds: [10, 20, 30], overlap: 2, calibration: [1], seed: 7, locked: [] });
 * // sample 1 to 10, 20 and 30; samples 2 and 3 to two labelers each, loads 3, 2, 2 in some order
 */
export function planAssignments(input: AssignmentInput): Assignment[] {
  const overlap = checkedOverlap(input.overlap);
  const labelers = unique(input.labelerIds);
  const samples = unique(input.sampleIds);
  const k = Math.min(overlap, labelers.length);
  const labelerIndex = new Map(labelers.map((id, index) => [id, index]));
  const load = new Array<number>(labelers.length).fill(0);

  /** Labelers of each sample so far, starting from the locked pairs. */
  const assigned = new Map<number, number[]>();
  for (const { sampleId, labelerId } of input.locked) {
    const current = assigned.get(sampleId);
    if (current === undefined) assigned.set(sampleId, [labelerId]);
    else if (current.includes(labelerId)) continue;
    else current.push(labelerId);
    const index = labelerIndex.get(labelerId);
    if (index !== undefined) load[index]! += 1;
  }

  const calibration = new Set(input.calibration);
  const constrained: number[] = [];
  const free: number[] = [];
  for (const sampleId of samples) {
    if (calibration.has(sampleId)) {
      for (const index of assignToEveryone(sampleId, labelers, labelerIndex, assigned)) load[index]! += 1;
    } else if (assigned.has(sampleId)) constrained.push(sampleId);
    else free.push(sampleId);
  }

  if (k > 0) {
    const picker = new LeastLoadedPicker(labelers, labelerIndex, load, mulberry32(input.seed));
    for (const sampleId of constrained) {
      const current = assigned.get(sampleId)!;
      const need = k - current.length;
      if (need > 0) current.push(...picker.pick(need, current));
    }
    for (const sampleId of free) assigned.set(sampleId, picker.pick(k, []));
  }

  return sortedPlan(assigned);
}

/**
 * Counts assignments per labeler (calibration and locked work included). Labelers with no
 * assignment are absent; keys are in ascending labeler id.
 * @example
 * loadByLabeler([{ sampleId: 1, labelerId: 20 }, { sampleId: 1, labelerId: 10 }, { sampleId: 2, labelerId: 20 }]);
 * // Map { 10 => 1, 20 => 2 }
 */
export function loadByLabeler(plan: readonly Assignment[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const { labelerId } of plan) counts.set(labelerId, (counts.get(labelerId) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a - b));
}

/**
 * Chooses, for one sample at a time, the `need` labelers with the least load, excluding those the
 * sample already has; ties are broken by a fresh seeded shuffle per sample, so the same pairs of
 * labelers do not always meet. Updates the loads as it goes.
 */
class LeastLoadedPicker {
  /** Scratch list of candidate labeler indexes, reused across samples. */
  private readonly pool: number[];
  /** `excluded[i] === stamp` when labeler i already has the current sample. */
  private readonly excluded: number[];
  private stamp = 0;

  constructor(
    private readonly labelers: readonly number[],
    private readonly labelerIndex: ReadonlyMap<number, number>,
    private readonly load: number[],
    private readonly random: Random,
  ) {
    this.pool = new Array<number>(labelers.length).fill(0);
    this.excluded = new Array<number>(labelers.length).fill(0);
  }

  /** Labeler ids to add to a sample that already has `current`; `need` ≤ active labelers not in `current`. */
  pick(need: number, current: readonly number[]): number[] {
    const { pool, load, excluded } = this;
    this.stamp += 1;
    for (const labelerId of current) {
      const index = this.labelerIndex.get(labelerId);
      if (index !== undefined) excluded[index] = this.stamp;
    }
    let size = 0;
    for (let index = 0; index < this.labelers.length; index++) if (excluded[index] !== this.stamp) pool[size++] = index;
    shuffleInPlace(pool, this.random, size);

    const count = Math.min(need, size);
    if (count < size) {
      // Partial selection sort: O(count · size), cheap for the usual small k; strict `<` keeps the shuffled order among ties.
      for (let i = 0; i < count; i++) {
        let best = i;
        for (let j = i + 1; j < size; j++) if (load[pool[j]!]! < load[pool[best]!]!) best = j;
        const chosen = pool[best]!;
        pool[best] = pool[i]!;
        pool[i] = chosen;
      }
    }
    const picked: number[] = [];
    for (let i = 0; i < count; i++) {
      const index = pool[i]!;
      load[index]! += 1;
      picked.push(this.labelers[index]!);
    }
    return picked;
  }
}

/** Gives a calibration sample to every active labeler who lacks it; returns the indexes of those who got it. */
function assignToEveryone(sampleId: number, labelers: readonly number[], labelerIndex: ReadonlyMap<number, number>, assigned: Map<number, number[]>): number[] {
  const current = assigned.get(sampleId) ?? [];
  assigned.set(sampleId, current);
  const has = new Set(current);
  const added: number[] = [];
  for (const labelerId of labelers) {
    if (has.has(labelerId)) continue;
    current.push(labelerId);
    added.push(labelerIndex.get(labelerId)!);
  }
  return added;
}

function sortedPlan(assigned: ReadonlyMap<number, number[]>): Assignment[] {
  const sampleIds = Float64Array.from(assigned.keys()).sort();
  const plan: Assignment[] = [];
  for (const sampleId of sampleIds) {
    const labelerIds = assigned.get(sampleId)!.sort((a, b) => a - b);
    for (const labelerId of labelerIds) plan.push({ sampleId, labelerId });
  }
  return plan;
}

function checkedOverlap(overlap: number): number {
  if (!Number.isInteger(overlap) || overlap < 1) throw new RangeError(`overlap must be an integer ≥ 1, got ${overlap}`);
  return overlap;
}

function unique(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}
