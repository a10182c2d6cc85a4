import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { maximumWeightAssignment } from '../../../shared/metrics/assignment';
import { boxIoU, matchBoxes, type BoxCorners, type BoxMatchingResult } from '../../../shared/metrics/box-matching';
import { REPO_ROOT } from '../../support/paths';

/** A box spanning x1..x2 and y 0..10: IoU between such boxes is the IoU of their x intervals. */
const strip = (x1: number, x2: number): BoxCorners => [x1, 0, x2, 10];

describe('boxIoU', () => {
  it.each([
    ['half-overlapping squares', [0, 0, 2, 2], [1, 0, 3, 2], 2 / 6],
    ['identical boxes', [1, 2, 5, 7], [1, 2, 5, 7], 1],
    ['a box inside another', [0, 0, 4, 4], [1, 1, 3, 3], 4 / 16],
    ['corner overlap', [0, 0, 2, 2], [1, 1, 3, 3], 1 / 7],
    ['touching edges', [0, 0, 1, 1], [1, 0, 2, 1], 0],
    ['disjoint boxes', [0, 0, 1, 1], [5, 5, 6, 6], 0],
    ['two empty boxes', [1, 1, 1, 1], [1, 1, 1, 1], 0],
  ] as const)('%s', (_case, p, q, expected) => {
    expect(boxIoU(p, q)).toBeCloseTo(expected, 12);
    expect(boxIoU(q, p)).toBeCloseTo(expected, 12);
  });
});

describe('matchBoxes', () => {
  it('matches a single pair and scores the extra hypothesis as a false positive', () => {
    expect(matchBoxes([[0, 0, 10, 10]], [strip(1, 10), [50, 50, 60, 60]])).toEqual({
      tp: 1,
      fp: 1,
      fn: 0,
      precision: 0.5,
      recall: 1,
      f1: 2 / 3,
      meanIoU: 0.9,
      matches: [{ a: 0, b: 0, iou: 0.9 }],
    });
  });

  it('beats greedy matching where the best pair blocks two good ones', () => {
    // a0 = 0..10, a1 = 3..12; b0 = 1..10, b1 = −2..7.
    // IoU: a0–b0 9/10, a1–b0 7/11, a0–b1 7/12, a1–b1 4/14 (below 0.5).
    // Greedy takes a0–b0 (0.9) and leaves b1 and a1 unmatched: tp 1.
    // Optimal: a0–b1 + a1–b0 = 0.583 + 0.636 = 1.220 > 0.9: tp 2.
    const a = [strip(0, 10), strip(3, 12)];
    const b = [strip(1, 10), strip(-2, 7)];
    const result = matchBoxes(a, b);
    expect(result.matches).toEqual([
      { a: 0, b: 1, iou: 7 / 12 },
      { a: 1, b: 0, iou: 7 / 11 },
    ]);
    expect(result).toMatchObject({ tp: 2, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 });
    expect(result.meanIoU).toBeCloseTo((7 / 12 + 7 / 11) / 2, 12);
  });

  it('applies the threshold inclusively and lets it be changed', () => {
    const a = [strip(0, 10)];
    const b = [strip(5, 15)]; // IoU 5/15 = 1/3
    expect(matchBoxes(a, b).tp).toBe(0);
    expect(matchBoxes(a, b, { threshold: 1 / 3 }).tp).toBe(1);
    expect(matchBoxes(a, [strip(20, 30)], { threshold: 0 }).tp).toBe(0); // no overlap never matches
  });

  it('reports unmatched references as false negatives when the reference list is longer', () => {
    const result = matchBoxes([strip(0, 10), strip(20, 30), strip(40, 50)], [strip(21, 30)]);
    expect(result).toMatchObject({ tp: 1, fp: 0, fn: 2, precision: 1, recall: 1 / 3, f1: 0.5 });
    expect(result.matches).toEqual([{ a: 1, b: 0, iou: 0.9 }]);
  });

  it('follows the conventions for empty lists', () => {
    expect(matchBoxes([], [])).toEqual({ tp: 0, fp: 0, fn: 0, precision: null, recall: null, f1: null, meanIoU: null, matches: [] });
    expect(matchBoxes([strip(0, 1)], [])).toMatchObject({ tp: 0, fn: 1, precision: null, recall: 0, f1: 0, meanIoU: null });
    expect(matchBoxes([], [strip(0, 1)])).toMatchObject({ tp: 0, fp: 1, precision: 0, recall: null, f1: 0 });
  });

  it('finds the maximum total IoU, as brute force does, on random scenes', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const randomBox = (): BoxCorners => {
      const x = random() * 20;
      const y = random() * 20;
      return [x, y, x + 5 + random() * 5, y + 5 + random() * 5];
    };
    for (let scene = 0; scene < 200; scene++) {
      const a = Array.from({ length: 1 + Math.floor(random() * 5) }, randomBox);
      const b = Array.from({ length: 1 + Math.floor(random() * 5) }, randomBox);
      const threshold = 0.2;
      const result = matchBoxes(a, b, { threshold });
      const total = result.matches.reduce((sum, match) => sum + match.iou, 0);
      expect(total).toBeCloseTo(bruteForceBest(a, b, threshold), 9);
    }
  });

  it('matches 300 × 300 boxes, each with its shifted twin', () => {
    const a = Array.from({ length: 300 }, (_, i) => strip(i * 10, i * 10 + 9));
    const b = a.map(([x1, y1, x2, y2]) => [x1 + 1, y1, x2 + 1, y2] as const);
    const result = matchBoxes(a, b);
    expect(result.tp).toBe(300);
  });
});

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

describe('matchBoxes on small images', () => {
  it('gives, trying every pair, the matches the sweep and the assignment give, on spread, crowded and large scenes alike', () => {
    const random = mulberry32(21);
    // Far from every scene and from each other: with them the lists are too long for every pair to be tried.
    const faraway = Array.from({ length: 40 }, (_, i): BoxCorners => [10_000 + 50 * i, 10_000, 10_000 + 50 * i + 10, 10_010]);
    let easy = 0;
    let contested = 0;
    for (let round = 0; round < 3000; round++) {
      const size = [40, 120, 600][round % 3]!;
      const objects = randomBoxes(random, Math.floor(random() * (round % 50 === 0 ? 30 : 9)), size);
      const boxes = anotherLabeler(random, objects, size);
      const threshold = [0.5, 0.3, 0.75, 0][round % 4]!;
      const swept = matchBoxes([...objects, ...faraway], [...boxes, ...faraway.slice(1)], { threshold }).matches.filter((match) => match.a < objects.length);
      expect(matchBoxes(objects, boxes, { threshold }).matches, `round ${round}`).toEqual(swept);
      // Count both kinds of scene, so the test is known to cover each path: some box overlapping two enough to match, or none.
      const candidates = objects.flatMap((o) => boxes.filter((b) => matchBoxes([o], [b], { threshold }).tp > 0));
      if (candidates.length > swept.length) contested++;
      else easy++;
    }
    expect(easy).toBeGreaterThan(500);
    expect(contested).toBeGreaterThan(100);
  });
});

describe('matchBoxes on many boxes', () => {
  it('gives the same result as the full-matrix matcher on many random small scenes', () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Crowded scenes, so that clusters of several overlapping boxes are common.
    const randomBox = (): BoxCorners => {
      const x = random() * 30;
      const y = random() * 30;
      return [x, y, x + 4 + random() * 12, y + 4 + random() * 12];
    };
    let clustered = 0;
    for (let scene = 0; scene < 2000; scene++) {
      const a = Array.from({ length: Math.floor(random() * 9) }, randomBox);
      const b = Array.from({ length: Math.floor(random() * 9) }, randomBox);
      const threshold = [0, 0.1, 0.3, 0.5][scene % 4]!;
      const expected = fullMatrixMatch(a, b, threshold);
      expect(matchBoxes(a, b, { threshold }), `scene ${scene}`).toEqual(expected);
      if (expected.tp >= 2) clustered++;
    }
    expect(clustered).toBeGreaterThan(500);
  });

  it('gives the same counts and total IoU as the full-matrix matcher where whole-pixel boxes tie', () => {
    // Equal IoUs make several matchings optimal; either may be chosen, but not a worse one.
    let seed = 5;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const randomBox = (): BoxCorners => {
      const x = random(12);
      const y = random(4);
      return [x, y, x + 2 + random(4), y + 2 + random(3)];
    };
    for (let scene = 0; scene < 1000; scene++) {
      const a = Array.from({ length: random(7) }, randomBox);
      const b = Array.from({ length: random(7) }, randomBox);
      const result = matchBoxes(a, b, { threshold: 0.2 });
      const expected = fullMatrixMatch(a, b, 0.2);
      expect({ tp: result.tp, fp: result.fp, fn: result.fn }, `scene ${scene}`).toEqual({ tp: expected.tp, fp: expected.fp, fn: expected.fn });
      expect(totalIoU(result)).toBeCloseTo(totalIoU(expected), 12);
    }
  });

  it('matches a cluster too large for a matrix on its pairs alone', () => {
    // A chain: each a_i overlaps its twin b_i (IoU 5.5/14.5) and b_i overlaps a_{i+1} (4.5/15.5),
    // so 3,000 boxes form one cluster of 1,500 × 1,500 (2.25 million cells); the twins are best.
    const a = Array.from({ length: 1500 }, (_, i) => strip(10 * i, 10 * i + 10));
    const b = a.map(([x1, , x2]) => strip(x1 + 4.5, x2 + 4.5));
    const result = matchBoxes(a, b, { threshold: 0.25 });
    expect(result.tp).toBe(1500);
    expect(result.matches.every((match) => match.a === match.b)).toBe(true);
    expect(result.meanIoU).toBeCloseTo(5.5 / 14.5, 12);
  });

  it('matches 60,000 × 60,000 boxes on one image within 1 GB of memory', async () => {
    const script = join(REPO_ROOT, 'test/shared/metrics/many-boxes.child.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=1024', '--import', 'tsx', script], {
      cwd: REPO_ROOT,
      maxBuffer: 1 << 20,
    });
    const result = JSON.parse(stdout) as { boxes: number; tp: number; fp: number; fn: number; maxRssBytes: number };
    expect(result).toMatchObject({ boxes: 60_000, tp: 60_000, fp: 0, fn: 0 });
    expect(result.maxRssBytes).toBeLessThan(1024 ** 3);
  }, 120_000);
});

function totalIoU(result: BoxMatchingResult): number {
  return result.matches.reduce((sum, match) => sum + match.iou, 0);
}

/**
 * The matcher as it was before it was bounded, kept as the reference: one IoU matrix of every
 * box of the shorter list against every box of the longer, solved in one assignment.
 */
function fullMatrixMatch(a: readonly BoxCorners[], b: readonly BoxCorners[], threshold: number): BoxMatchingResult {
  const transposed = a.length > b.length;
  const rows = transposed ? b : a;
  const columns = transposed ? a : b;
  const weights = new Float64Array(rows.length * columns.length);
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < columns.length; j++) {
      const iou = boxIoU(rows[i]!, columns[j]!);
      if (iou > 0 && iou >= threshold) weights[i * columns.length + j] = iou;
    }
  }
  const matches: BoxMatchingResult['matches'] = [];
  let iouSum = 0;
  maximumWeightAssignment(weights, rows.length, columns.length).forEach((j, i) => {
    const iou = weights[i * columns.length + j]!;
    if (iou === 0) return;
    matches.push(transposed ? { a: j, b: i, iou } : { a: i, b: j, iou });
    iouSum += iou;
  });
  matches.sort((x, y) => x.a - y.a);
  const tp = matches.length;
  const fp = b.length - tp;
  const fn = a.length - tp;
  return {
    tp,
    fp,
    fn,
    precision: b.length === 0 ? null : tp / b.length,
    recall: a.length === 0 ? null : tp / a.length,
    f1: a.length + b.length === 0 ? null : (2 * tp) / (2 * tp + fp + fn),
    meanIoU: tp === 0 ? null : iouSum / tp,
    matches,
  };
}

/** The best total IoU over every one-to-one matching of allowed pairs. */
function bruteForceBest(a: readonly BoxCorners[], b: readonly BoxCorners[], threshold: number): number {
  const used = new Array<boolean>(b.length).fill(false);
  const best = (i: number): number => {
    if (i === a.length) return 0;
    let value = best(i + 1); // a[i] unmatched
    for (let j = 0; j < b.length; j++) {
      const iou = boxIoU(a[i]!, b[j]!);
      if (used[j] || iou <= 0 || iou < threshold) continue;
      used[j] = true;
      value = Math.max(value, iou + best(i + 1));
      used[j] = false;
    }
    return value;
  };
  return best(0);
}
