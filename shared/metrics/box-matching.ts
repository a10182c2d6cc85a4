/**
 * Agreement between two sets of boxes on one image: intersection over union, and the one-to-one
 * matching that maximises total IoU (Kuhn–Munkres), scored as detections against a reference.
 */

/** A box as `[x1, y1, x2, y2]`, x1 ≤ x2 and y1 ≤ y2, in any one unit (image pixels). */
export type BoxCorners = readonly [x1: number, y1: number, x2: number, y2: number];

export interface BoxMatch {
  /** Index into the reference list `a`. */
  a: number;
  /** Index into the hypothesis list `b`. */
  b: number;
  iou: number;
}

export interface BoxMatchingResult {
  /** Matched pairs. */
  tp: number;
  /** Hypothesis boxes left unmatched. */
  fp: number;
  /** Reference boxes left unmatched. */
  fn: number;
  /** tp / (tp + fp); `null` when there are no hypothesis boxes. */
  precision: number | null;
  /** tp / (tp + fn); `null` when there are no reference boxes. */
  recall: number | null;
  /** 2tp / (2tp + fp + fn); `null` when both lists are empty, 0 when only one is. */
  f1: number | null;
  /** Mean IoU over matched pairs; `null` when nothing matched. */
  meanIoU: number | null;
  /** Matched pairs, by reference index. */
  matches: BoxMatch[];
}

export interface BoxMatchingOptions {
  /** The least IoU for a pair to match (inclusive); default 0.5. Boxes that do not overlap never match. */
  threshold?: number;
}

/**
 * Intersection over union of two boxes, area = (x2 − x1)(y2 − y1); 0 when they do not overlap
 * or both are empty. A box with x2 < x1 or y2 < y1 counts as empty.
 * @example boxIoU([0, 0, 2, 2], [1, 0, 3, 2]) // 2 / 6 = 1/3
 */
export function boxIoU(p: BoxCorners, q: BoxCorners): number {
  const width = Math.min(p[2], q[2]) - Math.max(p[0], q[0]);
  const height = Math.min(p[3], q[3]) - Math.max(p[1], q[1]);
  if (width <= 0 || height <= 0) return 0;
  const intersection = width * height;
  const union = area(p) + area(q) - intersection;
  return union > 0 ? intersection / union : 0;
}

/**
 * Matches reference boxes `a` to hypothesis boxes `b` one to one, maximising the total IoU over
 * pairs at or above the threshold (Hungarian algorithm, O(n³) for n boxes); pairs below it
 * cannot match. Unlike greedy matching by highest IoU first, a strong pair is given up when that
 * lets two good pairs match instead.
 * @example
 * matchBoxes([[0, 0, 10, 10]], [[1, 0, 10, 10], [50, 50, 60, 60]])
 * // tp 1, fp 1, fn 0, precision 0.5, recall 1, f1 2/3, meanIoU 0.9, matches [{ a: 0, b: 0, iou: 0.9 }]
 */
export function matchBoxes(a: readonly BoxCorners[], b: readonly BoxCorners[], options: BoxMatchingOptions = {}): BoxMatchingResult {
  const threshold = options.threshold ?? 0.5;
  // The assignment runs with no more rows than columns; transpose when a is the longer list.
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

  const assignment = maximumWeightAssignment(weights, rows.length, columns.length);
  const matches: BoxMatch[] = [];
  let iouSum = 0;
  assignment.forEach((j, i) => {
    const iou = weights[i * columns.length + j]!;
    if (iou === 0) return; // assigned only to fill the square problem
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

function area(box: BoxCorners): number {
  return Math.max(0, box[2] - box[0]) * Math.max(0, box[3] - box[1]);
}

/**
 * Kuhn–Munkres with potentials (the O(n²m) shortest augmenting path form) on costs −weight:
 * returns, for each of `n` rows, its column among `m ≥ n`. Weights are row-major, n × m.
 */
function maximumWeightAssignment(weights: Float64Array, n: number, m: number): Int32Array {
  const rowPotential = new Float64Array(n + 1);
  const columnPotential = new Float64Array(m + 1);
  const rowOfColumn = new Int32Array(m + 1); // 1-based row; 0 = free, column 0 is the virtual start
  const previousColumn = new Int32Array(m + 1);
  const slack = new Float64Array(m + 1);
  const visited = new Uint8Array(m + 1);

  for (let row = 1; row <= n; row++) {
    rowOfColumn[0] = row;
    let column = 0;
    slack.fill(Infinity);
    visited.fill(0);
    do {
      visited[column] = 1;
      const currentRow = rowOfColumn[column]!;
      let delta = Infinity;
      let nextColumn = 0;
      for (let j = 1; j <= m; j++) {
        if (visited[j]) continue;
        const reduced = -weights[(currentRow - 1) * m + (j - 1)]! - rowPotential[currentRow]! - columnPotential[j]!;
        if (reduced < slack[j]!) {
          slack[j] = reduced;
          previousColumn[j] = column;
        }
        if (slack[j]! < delta) {
          delta = slack[j]!;
          nextColumn = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (visited[j]) {
          rowPotential[rowOfColumn[j]!]! += delta;
          columnPotential[j]! -= delta;
        } else {
          slack[j]! -= delta;
        }
      }
      column = nextColumn;
    } while (rowOfColumn[column] !== 0);
    do {
      const previous = previousColumn[column]!;
      rowOfColumn[column] = rowOfColumn[previous]!;
      column = previous;
    } while (column !== 0);
  }

  const columnOfRow = new Int32Array(n);
  for (let j = 1; j <= m; j++) if (rowOfColumn[j] !== 0) columnOfRow[rowOfColumn[j]! - 1] = j - 1;
  return columnOfRow;
}
