/**
 * Changes to an assignment plan: the minimal difference between two plans (to apply a rebalance),
 * and a manual move of one sample from one labeler to another (an SME's reassignment).
 */

import type { Assignment } from './plan';

export interface PlanDiff {
  /** Pairs in `after` and not in `before`, sorted by sampleId then labelerId. */
  added: Assignment[];
  /** Pairs in `before` and not in `after`, sorted by sampleId then labelerId. */
  removed: Assignment[];
}

/**
 * The pairs to add and remove to turn `before` into `after`; pairs in both are left alone.
 *
 * When `after` is {@link planAssignments} run with the started work as `locked`, no locked pair
 * ever appears in `removed`: the planner keeps every locked pair, so applying the diff never takes
 * away or moves work already started.
 * @example
 * diffPlans(
 *   [{ sampleId: 1, labelerId: 10 }, { sampleId: 1, labelerId: 20 }],
 *   [{ sampleId: 1, labelerId: 10 }, { sampleId: 1, labelerId: 30 }],
 * );
 * // { added: [{ sampleId: 1, labelerId: 30 }], removed: [{ sampleId: 1, labelerId: 20 }] }
 */
export function diffPlans(before: readonly Assignment[], after: readonly Assignment[]): PlanDiff {
  const beforePairs = PairSet.of(before);
  const afterPairs = PairSet.of(after);
  return {
    added: sortedUnique(after.filter((pair) => !beforePairs.has(pair))),
    removed: sortedUnique(before.filter((pair) => !afterPairs.has(pair))),
  };
}

/** Why {@link reassign} refused a move. */
export type ReassignmentRefusal = 'not-assigned' | 'locked' | 'already-assigned';

/** Thrown by {@link reassign} when a move would break the plan's rules; `reason` says which. */
export class ReassignmentRefusedError extends Error {
  override readonly name = 'ReassignmentRefusedError';

  constructor(
    readonly reason: ReassignmentRefusal,
    message: string,
  ) {
    super(message);
  }
}

export interface Reassignment {
  sampleId: number;
  /** The labeler who has the sample now. */
  from: number;
  /** The labeler who should have it instead. */
  to: number;
}

/**
 * Moves one sample from labeler `from` to labeler `to` and returns the new plan, sorted by
 * sampleId then labelerId; `plan` itself is not changed. The sample keeps the same number of
 * distinct labelers.
 *
 * Throws {@link ReassignmentRefusedError} when `from` does not have the sample, when the pair is
 * locked (`from` has started it), or when `to` already has it (which includes `from === to`).
 * @example
 * reassign([{ sampleId: 1, labelerId: 10 }, { sampleId: 1, labelerId: 20 }], { sampleId: 1, from: 20, to: 30 }, []);
 * // [{ sampleId: 1, labelerId: 10 }, { sampleId: 1, labelerId: 30 }]
 * reassign(thatSamePlan, { sampleId: 1, from: 10, to: 20 }, []);
 * // throws: labeler 20 already has sample 1
 */
export function reassign(
  plan: readonly Assignment[],
  { sampleId, from, to }: Reassignment,
  locked: ReadonlyArray<{ sampleId: number; labelerId: number }>,
): Assignment[] {
  const pairs = PairSet.of(plan);
  if (!pairs.has({ sampleId, labelerId: from })) {
    throw new ReassignmentRefusedError('not-assigned', `Cannot move sample ${sampleId} from labeler ${from}: labeler ${from} does not have it.`);
  }
  if (PairSet.of(locked).has({ sampleId, labelerId: from })) {
    throw new ReassignmentRefusedError(
      'locked',
      `Cannot move sample ${sampleId} from labeler ${from}: the work is already started (locked) and is never moved.`,
    );
  }
  if (pairs.has({ sampleId, labelerId: to })) {
    throw new ReassignmentRefusedError('already-assigned', `Cannot move sample ${sampleId} to labeler ${to}: labeler ${to} already has it.`);
  }
  const moved = plan.map((pair) => (pair.sampleId === sampleId && pair.labelerId === from ? { sampleId, labelerId: to } : pair));
  return sortedUnique(moved);
}

/** A set of (sample, labeler) pairs, keyed by value. */
class PairSet {
  private readonly bySample = new Map<number, Set<number>>();

  static of(pairs: ReadonlyArray<Assignment>): PairSet {
    const set = new PairSet();
    for (const pair of pairs) set.add(pair);
    return set;
  }

  add({ sampleId, labelerId }: Assignment): void {
    const labelers = this.bySample.get(sampleId);
    if (labelers === undefined) this.bySample.set(sampleId, new Set([labelerId]));
    else labelers.add(labelerId);
  }

  has({ sampleId, labelerId }: Assignment): boolean {
    return this.bySample.get(sampleId)?.has(labelerId) ?? false;
  }
}

/** Copies of the pairs, duplicates dropped, sorted by sampleId then labelerId. */
function sortedUnique(pairs: readonly Assignment[]): Assignment[] {
  const sorted = pairs.map(({ sampleId, labelerId }) => ({ sampleId, labelerId })).sort((a, b) => a.sampleId - b.sampleId || a.labelerId - b.labelerId);
  return sorted.filter((pair, index) => {
    const previous = sorted[index - 1];
    return previous === undefined || previous.sampleId !== pair.sampleId || previous.labelerId !== pair.labelerId;
  });
}
