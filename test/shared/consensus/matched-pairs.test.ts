import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { matchedPairs } from '../../../shared/consensus/matched-pairs';
import { matchBoxes, type BoxCorners } from '../../../shared/metrics/box-matching';

/** `count` boxes in a `size`-pixel square: a small square crowds them (boxes overlapping several others), a large one spreads them. */
function randomBoxes(random: () => number, count: number, size: number): BoxCorners[] {
  return Array.from({ length: count }, () => {
    const x1 = Math.round(random() * size * 10) / 10;
    const y1 = Math.round(random() * size * 10) / 10;
    // Now and then an empty box, which matches nothing.
    const empty = random() < 0.03;
    return [x1, y1, empty ? x1 : x1 + 1 + Math.round(random() * 300) / 10, y1 + 1 + Math.round(random() * 300) / 10] as const;
  });
}

/** Each box of `objects` moved a little, as another labeler boxing the same things would; some left out, some added. */
function anotherLabeler(random: () => number, objects: readonly BoxCorners[], size: number): BoxCorners[] {
  const shaken = objects
    .filter(() => random() > 0.1)
    .map(([x1, y1, x2, y2]) => {
      const d = () => (random() - 0.5) * 6;
      return [x1 + d(), y1 + d(), x2 + d(), y2 + d()] as const;
    });
  return [...shaken, ...randomBoxes(random, Math.floor(random() * 3), size)].sort(() => random() - 0.5);
}

const pairsOf = (objects: readonly BoxCorners[], boxes: readonly BoxCorners[], threshold: number) =>
  matchBoxes(objects, boxes, { threshold }).matches.map(({ a, b }) => ({ a, b }));

describe('matchedPairs', () => {
  it('gives the pairs matchBoxes matches, on spread, crowded and large scenes alike', () => {
    const random = mulberry32(21);
    let easy = 0;
    let contested = 0;
    for (let round = 0; round < 3000; round++) {
      const size = [40, 120, 600][round % 3]!;
      const objects = randomBoxes(random, Math.floor(random() * (round % 50 === 0 ? 60 : 9)), size);
      const boxes = anotherLabeler(random, objects, size);
      const threshold = [0.5, 0.3, 0.75, 0][round % 4]!;
      const expected = pairsOf(objects, boxes, threshold);
      expect(matchedPairs(objects, boxes, threshold).map(({ a, b }) => ({ a, b }))).toEqual(expected);
      // Count both kinds of scene, so the test is known to cover each path.
      const candidates = objects.flatMap((o) => boxes.filter((b) => pairsOf([o], [b], threshold).length > 0));
      if (candidates.length > expected.length) contested++;
      else easy++;
    }
    expect(easy).toBeGreaterThan(500);
    expect(contested).toBeGreaterThan(100);
  });

  it('matches a box to the object it overlaps enough, and leaves the rest', () => {
    expect(
      matchedPairs(
        [
          [0, 0, 10, 10],
          [100, 100, 110, 110],
        ],
        [
          [50, 50, 60, 60],
          [1, 0, 10, 10],
        ],
        0.5,
      ),
    ).toEqual([{ a: 0, b: 1 }]);
  });
});
