import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { COINCIDENCE_WIDTH } from '../../../shared/agreement/binary-alpha';
import type { PackedEntry } from '../../../shared/agreement/packed-entry';
import { copyWorstLists, updateWorstLists, worstLists, type WorstLists } from '../../../shared/agreement/worst-samples';

/** An entry with just what worst lists read: its id, its score and its pairs' scores (the rest of a packed entry is empty). */
function entry(sampleId: number, score: number, pairs: Array<[labelerA: number, labelerB: number, score: number]>): PackedEntry {
  const data = new Float64Array(4 + 2 * COINCIDENCE_WIDTH + 3 * pairs.length);
  data[2] = pairs.length;
  pairs.forEach((pair, at) => data.set(pair, 4 + 2 * COINCIDENCE_WIDTH + 3 * at));
  return { sampleId, score, data, versions: 0, tagged: null };
}

/** Scores on a coarse grid, so ties (broken by sample id) are common. */
function randomEntry(random: () => number, sampleId: number): PackedEntry {
  const score = () => Math.floor(random() * 8) / 8;
  const pairs = (
    [
      [1, 2],
      [1, 3],
      [2, 3],
    ] as const
  )
    .filter(() => random() > 0.3)
    .map(([a, b]) => [a, b, score()] as [number, number, number]);
  return entry(sampleId, score(), pairs);
}

/** Each list is the head of its ranking made afresh, as long as the list is. */
function expectHeads(lists: WorstLists, fresh: WorstLists): void {
  expect(lists.overall.map((e) => [e.sampleId, e.score])).toEqual(fresh.overall.slice(0, lists.overall.length).map((e) => [e.sampleId, e.score]));
  expect([...lists.pairs.keys()].sort()).toEqual([...fresh.pairs.keys()].sort());
  for (const [key, list] of lists.pairs) expect(list).toEqual(fresh.pairs.get(key)!.slice(0, list.length));
}

describe('worst lists followed one change at a time', () => {
  it('stay the exact heads of their rankings and say when they run short of what they show', () => {
    const random = mulberry32(11);
    const LIMIT = 20;
    const SHOWN = 10;
    const entries = new Map<number, PackedEntry>();
    for (let sampleId = 1; sampleId <= 120; sampleId++) entries.set(sampleId, randomEntry(random, sampleId));
    let lists = worstLists(entries.values(), LIMIT);
    let followed = 0;
    let madeAgain = 0;
    for (let step = 0; step < 3000; step++) {
      // Mostly listed samples, so they fall, leave and enter the lists often; sometimes a new sample or one withdrawn.
      const listed = lists.overall[Math.floor(random() * lists.overall.length)];
      const sampleId = listed && random() < 0.6 ? listed.sampleId : 1 + Math.floor(random() * 140);
      const previous = entries.get(sampleId);
      const next = random() < 0.15 ? null : randomEntry(random, sampleId);
      const pairSizes = new Map<string, number>();
      for (const other of entries.values()) for (const key of pairKeys(other)) pairSizes.set(key, (pairSizes.get(key) ?? 0) + 1);
      const whole = updateWorstLists(lists, previous, next, { overall: entries.size, pair: (key) => pairSizes.get(key) ?? 0 }, LIMIT, SHOWN);
      if (next) entries.set(sampleId, next);
      else entries.delete(sampleId);
      const fresh = worstLists(entries.values(), LIMIT);
      expectHeads(lists, fresh);
      if (whole) {
        followed++;
        // What the dashboard shows is what a fresh scan shows.
        expect(lists.overall.slice(0, SHOWN)).toEqual(fresh.overall.slice(0, SHOWN));
        for (const [key, list] of fresh.pairs) expect(lists.pairs.get(key)!.slice(0, SHOWN)).toEqual(list.slice(0, SHOWN));
      } else {
        madeAgain++;
        const short = [lists.overall, ...lists.pairs.values()].some((list) => list.length < SHOWN);
        expect(short).toBe(true);
        lists = fresh;
      }
    }
    // Both happen: most changes are followed, and a list that lost its reserve is made again.
    expect(followed).toBeGreaterThan(2000);
    expect(madeAgain).toBeGreaterThan(0);
  });

  it('copies lists that change apart from the original', () => {
    const lists = worstLists([entry(1, 0.5, [[1, 2, 0.5]]), entry(2, 0.9, [[1, 2, 0.9]])]);
    const copy = copyWorstLists(lists);
    updateWorstLists(copy, lists.overall[0], null, { overall: 2, pair: () => 2 });
    expect(copy.overall.map((e) => e.sampleId)).toEqual([1]);
    expect(lists.overall.map((e) => e.sampleId)).toEqual([2, 1]);
    expect(lists.pairs.get('1:2')!.map((e) => e.sampleId)).toEqual([2, 1]);
  });
});

function pairKeys(entry: PackedEntry): string[] {
  const keys: string[] = [];
  const from = 4 + 2 * COINCIDENCE_WIDTH + entry.data[1]!;
  for (let p = 0; p < entry.data[2]!; p++) keys.push(`${entry.data[from + 3 * p]}:${entry.data[from + 3 * p + 1]}`);
  return keys;
}
