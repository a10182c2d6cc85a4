import { describe, expect, it } from 'vitest';
import { diffPlans, reassign, ReassignmentRefusedError } from '../../../shared/assignment/changes';
import { loadByLabeler, planAssignments, type Assignment, type AssignmentInput } from '../../../shared/assignment/plan';
import { mulberry32, type Random } from '../../../shared/assignment/prng';

type Pair = { sampleId: number; labelerId: number };

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

function input(overrides: Partial<AssignmentInput>): AssignmentInput {
  return { sampleIds: range(1, 20), labelerIds: [10, 20, 30], overlap: 2, calibration: [], seed: 1, locked: [], ...overrides };
}

function labelersBySample(plan: readonly Assignment[]): Map<number, number[]> {
  const bySample = new Map<number, number[]>();
  for (const { sampleId, labelerId } of plan) bySample.set(sampleId, [...(bySample.get(sampleId) ?? []), labelerId]);
  return bySample;
}

/** Loads of the given labelers, 0 for those with nothing. */
function loads(plan: readonly Assignment[], labelerIds: readonly number[]): number[] {
  const byLabeler = loadByLabeler(plan);
  return labelerIds.map((id) => byLabeler.get(id) ?? 0);
}

function spread(values: readonly number[]): number {
  return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values);
}

const has = (plan: readonly Assignment[], pair: Pair): boolean => plan.some((p) => p.sampleId === pair.sampleId && p.labelerId === pair.labelerId);

/** Every rule of the planner except balance, which depends on how skewed the locked work is. */
function expectPlanRules(request: AssignmentInput, plan: readonly Assignment[]): void {
  const sorted = [...plan].sort((a, b) => a.sampleId - b.sampleId || a.labelerId - b.labelerId);
  expect(plan).toEqual(sorted);
  const keys = plan.map((p) => `${p.sampleId}:${p.labelerId}`);
  expect(new Set(keys).size).toBe(keys.length);

  for (const pair of request.locked) expect(has(plan, pair)).toBe(true);
  const active = new Set(request.labelerIds);
  const listed = new Set(request.sampleIds);
  const k = Math.min(request.overlap, active.size);
  const lockedBySample = labelersBySample(request.locked);
  for (const pair of plan) {
    if (has(request.locked, pair)) continue;
    expect(active.has(pair.labelerId)).toBe(true);
    expect(listed.has(pair.sampleId)).toBe(true);
  }
  const bySample = labelersBySample(plan);
  const calibration = new Set(request.calibration);
  for (const sampleId of listed) {
    const labelers = new Set(bySample.get(sampleId) ?? []);
    const lockedCount = new Set(lockedBySample.get(sampleId) ?? []).size;
    if (calibration.has(sampleId)) {
      for (const labelerId of active) expect(labelers.has(labelerId)).toBe(true);
    } else {
      expect(labelers.size).toBe(Math.max(k, lockedCount));
    }
  }
}

/** The pairs each labeler "started": the first `fraction` of each one's queue in `plan`. */
function startedPrefix(plan: readonly Assignment[], fraction: number): Pair[] {
  const started: Pair[] = [];
  for (const [labelerId, count] of loadByLabeler(plan)) {
    const own = plan.filter((p) => p.labelerId === labelerId);
    started.push(...own.slice(0, Math.floor(count * fraction)));
  }
  return started;
}

describe('planAssignments', () => {
  it('gives every ordinary sample exactly k distinct labelers', () => {
    const request = input({ sampleIds: range(1, 50), labelerIds: [1, 2, 3, 4, 5], overlap: 3 });
    const plan = planAssignments(request);
    expectPlanRules(request, plan);
    for (const labelers of labelersBySample(plan).values()) expect(new Set(labelers).size).toBe(3);
    expect(plan).toHaveLength(150);
  });

  it('gives every calibration sample to every labeler', () => {
    const request = input({ sampleIds: range(1, 10), labelerIds: [7, 8, 9, 11], calibration: [1, 2, 3, 99] });
    const plan = planAssignments(request);
    expectPlanRules(request, plan);
    for (const sampleId of [1, 2, 3]) expect(labelersBySample(plan).get(sampleId)).toEqual([7, 8, 9, 11]);
    expect(labelersBySample(plan).has(99)).toBe(false);
    expect(plan).toHaveLength(3 * 4 + 7 * 2);
  });

  it.each([
    [20, 3, 2],
    [21, 4, 2],
    [7, 5, 2],
    [1, 10, 3],
    [1000, 7, 3],
    [999, 10, 1],
    [101, 6, 5],
  ])('balances %i samples over %i labelers with k = %i (max − min ≤ 1)', (samples, labelerCount, overlap) => {
    const labelerIds = range(100, labelerCount);
    const request = input({ sampleIds: range(1, samples), labelerIds, overlap, calibration: [1] });
    const plan = planAssignments(request);
    expectPlanRules(request, plan);
    expect(spread(loads(plan, labelerIds))).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed and varies with the seed', () => {
    const request = input({ sampleIds: range(1, 200), labelerIds: range(1, 6), seed: 42 });
    expect(planAssignments(request)).toEqual(planAssignments({ ...request }));
    const other = planAssignments({ ...request, seed: 43 });
    expect(other).not.toEqual(planAssignments(request));
    expect(spread(loads(other, request.labelerIds))).toBeLessThanOrEqual(1);
  });

  it('does not pair the same labelers over and over', () => {
    const labelerIds = range(1, 6);
    const plan = planAssignments(input({ sampleIds: range(1, 300), labelerIds, overlap: 2 }));
    const pairings = new Set([...labelersBySample(plan).values()].map((labelers) => labelers.join('+')));
    expect(pairings.size).toBe(15); // every one of the C(6, 2) pairs of labelers meets
  });

  it('keeps locked pairs even when that leaves the plan unbalanced', () => {
    const locked = range(1, 10).map((sampleId) => ({ sampleId, labelerId: 10 }));
    const request = input({ sampleIds: range(1, 12), overlap: 1, locked });
    const plan = planAssignments(request);
    expectPlanRules(request, plan);
    expect(loads(plan, [10, 20, 30])).toEqual([10, 1, 1]);
  });

  it('keeps every locked labeler of a sample with more than k of them, and adds none', () => {
    const locked = [10, 20, 30].map((labelerId) => ({ sampleId: 5, labelerId }));
    const plan = planAssignments(input({ overlap: 2, locked }));
    expect(labelersBySample(plan).get(5)).toEqual([10, 20, 30]);
  });

  it('keeps locked work of a labeler who is no longer active, and counts it toward k', () => {
    const request = input({ labelerIds: [10, 20], overlap: 2, locked: [{ sampleId: 3, labelerId: 99 }] });
    const plan = planAssignments(request);
    expectPlanRules(request, plan);
    expect(labelersBySample(plan).get(3)).toHaveLength(2);
    expect(labelersBySample(plan).get(3)).toContain(99);
  });

  it('clamps k to the number of labelers', () => {
    const request = input({ labelerIds: [10, 20], overlap: 5 });
    const plan = planAssignments(request);
    expectPlanRules(request, plan);
    expect(plan).toHaveLength(40);
  });

  it('returns an empty plan without labelers (or samples)', () => {
    expect(planAssignments(input({ labelerIds: [] }))).toEqual([]);
    expect(planAssignments(input({ labelerIds: [], calibration: [1, 2] }))).toEqual([]);
    expect(planAssignments(input({ sampleIds: [] }))).toEqual([]);
  });

  it('ignores duplicate sample, labeler and locked ids', () => {
    const request = input({
      sampleIds: [1, 2, 2, 3],
      labelerIds: [10, 20, 20],
      locked: [
        { sampleId: 1, labelerId: 10 },
        { sampleId: 1, labelerId: 10 },
      ],
    });
    const plan = planAssignments(request);
    expectPlanRules(request, plan);
    expect(plan).toHaveLength(6);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses overlap %s', (overlap) => {
    expect(() => planAssignments(input({ overlap }))).toThrow(RangeError);
  });
});

describe('rebalancing', () => {
  const first = input({ sampleIds: range(1, 400), labelerIds: [1, 2, 3, 4], overlap: 2, calibration: [1, 2], seed: 5 });

  it('after a labeler leaves, moves only unstarted work and stays balanced', () => {
    const before = planAssignments(first);
    const locked = startedPrefix(before, 0.3);
    const request = { ...first, labelerIds: [1, 2, 3], locked };
    const after = planAssignments(request);
    expectPlanRules(request, after);

    const { added, removed } = diffPlans(before, after);
    for (const pair of locked) expect(has(removed, pair)).toBe(false);
    const leaverUnstarted = before.filter((p) => p.labelerId === 4 && !has(locked, p));
    for (const pair of leaverUnstarted) expect(has(removed, pair)).toBe(true);
    expect(added.every((p) => p.labelerId !== 4)).toBe(true);
    expect(after.filter((p) => p.labelerId === 4)).toEqual(locked.filter((p) => p.labelerId === 4));
    expect(spread(loads(after, [1, 2, 3]))).toBeLessThanOrEqual(1);
  });

  it('gives a labeler who joins a fair share of the unstarted work and moves nothing locked', () => {
    const before = planAssignments(first);
    const locked = startedPrefix(before, 0.5);
    const request = { ...first, labelerIds: [1, 2, 3, 4, 5], locked };
    const after = planAssignments(request);
    expectPlanRules(request, after);

    const { removed } = diffPlans(before, after);
    for (const pair of locked) expect(has(removed, pair)).toBe(false);
    // 2 calibration × 5 + 398 × 2 = 806 pairs over 5 labelers: the newcomer has 161 or 162 of them.
    const [newcomer] = loads(after, [5]);
    expect(newcomer).toBeGreaterThanOrEqual(161);
    expect(newcomer).toBeLessThanOrEqual(162);
    expect(spread(loads(after, [1, 2, 3, 4, 5]))).toBeLessThanOrEqual(1);
  });

  it('diffPlans reports pairs added and removed, sorted', () => {
    const before = [
      { sampleId: 2, labelerId: 1 },
      { sampleId: 1, labelerId: 1 },
    ];
    const after = [
      { sampleId: 2, labelerId: 1 },
      { sampleId: 3, labelerId: 2 },
      { sampleId: 1, labelerId: 2 },
    ];
    expect(diffPlans(before, after)).toEqual({
      added: [
        { sampleId: 1, labelerId: 2 },
        { sampleId: 3, labelerId: 2 },
      ],
      removed: [{ sampleId: 1, labelerId: 1 }],
    });
    expect(diffPlans(after, after)).toEqual({ added: [], removed: [] });
  });
});

describe('reassign', () => {
  const plan: Assignment[] = [
    { sampleId: 1, labelerId: 10 },
    { sampleId: 1, labelerId: 20 },
    { sampleId: 2, labelerId: 20 },
    { sampleId: 2, labelerId: 30 },
  ];

  it('moves one sample from one labeler to another, leaving the input alone', () => {
    const copy = structuredClone(plan);
    expect(reassign(plan, { sampleId: 1, from: 20, to: 30 }, [{ sampleId: 2, labelerId: 20 }])).toEqual([
      { sampleId: 1, labelerId: 10 },
      { sampleId: 1, labelerId: 30 },
      { sampleId: 2, labelerId: 20 },
      { sampleId: 2, labelerId: 30 },
    ]);
    expect(plan).toEqual(copy);
  });

  it.each([
    ['the pair is locked', { sampleId: 1, from: 20, to: 30 }, 'locked', /already started/],
    ['the new labeler already has the sample', { sampleId: 2, from: 30, to: 20 }, 'already-assigned', /labeler 20 already has it/],
    ['the old labeler does not have the sample', { sampleId: 2, from: 10, to: 40 }, 'not-assigned', /labeler 10 does not have it/],
    ['from and to are the same labeler', { sampleId: 1, from: 10, to: 10 }, 'already-assigned', /already has it/],
  ] as const)('refuses when %s', (_case, move, reason, message) => {
    const locked = [{ sampleId: 1, labelerId: 20 }];
    expect(() => reassign(plan, move, locked)).toThrow(message);
    expect(() => reassign(plan, move, locked)).toThrow(expect.objectContaining({ reason }) as Error);
    expect(() => reassign(plan, move, locked)).toThrow(ReassignmentRefusedError);
  });
});

describe('loadByLabeler', () => {
  it('counts assignments per labeler in ascending id', () => {
    const load = loadByLabeler([
      { sampleId: 1, labelerId: 20 },
      { sampleId: 1, labelerId: 10 },
      { sampleId: 2, labelerId: 20 },
    ]);
    expect([...load]).toEqual([
      [10, 1],
      [20, 2],
    ]);
  });
});

describe('random inputs (seeded property loop)', () => {
  const pick = (random: Random, items: readonly number[]): number => items[Math.floor(random() * items.length)]!;

  function randomInput(random: Random): AssignmentInput {
    const sampleIds = range(1, Math.floor(random() * 120));
    const labelerIds = range(1, Math.floor(random() * 9)).map((i) => i * 7);
    const calibration = sampleIds.filter(() => random() < 0.05);
    const everyone = [...labelerIds, 500, 501]; // two labelers who have left
    const locked =
      sampleIds.length === 0 ? [] : range(0, Math.floor(random() * 30)).map(() => ({ sampleId: pick(random, sampleIds), labelerId: pick(random, everyone) }));
    return { sampleIds, labelerIds, overlap: 1 + Math.floor(random() * 4), calibration, seed: Math.floor(random() * 2 ** 32), locked };
  }

  it('keeps every rule, and balance when nothing is locked, over 300 random inputs', () => {
    const random = mulberry32(2024);
    for (let round = 0; round < 300; round++) {
      const request = randomInput(random);
      const plan = planAssignments(request);
      expectPlanRules(request, plan);
      expect(planAssignments(request)).toEqual(plan);

      const unlocked = { ...request, locked: [] };
      const balanced = planAssignments(unlocked);
      expectPlanRules(unlocked, balanced);
      expect(spread(loads(balanced, request.labelerIds))).toBeLessThanOrEqual(1);

      // Replanning with part of the balanced plan started: nothing started is removed, balance holds.
      const restart = { ...unlocked, locked: startedPrefix(balanced, random()), seed: request.seed + 1 };
      const replanned = planAssignments(restart);
      expectPlanRules(restart, replanned);
      for (const pair of restart.locked) expect(has(diffPlans(balanced, replanned).removed, pair)).toBe(false);
      expect(spread(loads(replanned, request.labelerIds))).toBeLessThanOrEqual(1);
    }
  });
});
