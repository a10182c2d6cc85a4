import { maximumWeightAssignment } from './assignment';
import { boxIoU, type BoxCorners } from './box-iou';
import { overlappingPairs, type OverlappingPairs } from './overlapping-pairs';
import { maximumWeightMatching } from './sparse-assignment';

/**
 * Above this many cells (8 MB), a cluster's matrix is not built: its assignment runs on its pairs
 * alone. Below it the matrix is the faster way, and clusters are small in any real image.
 */
const DENSE_LIMIT = 1_000_000;
/** Up to this many pairs of boxes, every pair is tried first (see `separateMatches`); beyond, only those the sweep finds overlapping. */
const ALL_PAIRS_LIMIT = 1_024;

/**
 * Agreement between two sets of boxes on one image: the one-to-one matching that maximises total
 * IoU (Kuhn–Munkres), scored as detections against a reference.
 */

export { boxIoU, type BoxCorners };

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
 * Matches reference boxes `a` to hypothesis boxes `b` one to one, maximising the total IoU over
 * pairs at or above the threshold (Hungarian algorithm); pairs below it cannot match. Only boxes
 * that overlap are paired (a sweep, see `overlappingPairs`), and the assignment is solved per
 * connected component of those pairs, so memory and time follow the overlapping pairs and the
 * size of each cluster of overlapping boxes, not the product of the two list lengths. Unlike
 * greedy matching by highest IoU first, a strong pair is given up when that lets two good pairs
 * match instead.
 * @example
 * matchBoxes([[0, 0, 10, 10]], [[1, 0, 10, 10], [50, 50, 60, 60]])
 * // tp 1, fp 1, fn 0, precision 0.5, recall 1, f1 2/3, meanIoU 0.9, matches [{ a: 0, b: 0, iou: 0.9 }]
 */
export function matchBoxes(a: readonly BoxCorners[], b: readonly BoxCorners[], options: BoxMatchingOptions = {}): BoxMatchingResult {
  const threshold = options.threshold ?? 0.5;
  const matches = (a.length * b.length <= ALL_PAIRS_LIMIT ? separateMatches(a, b, threshold) : null) ?? assignedMatches(a, b, threshold);

  // Summed by the shorter list's index, as the full-matrix matcher did, so meanIoU is the same to the last bit.
  let iouSum = 0;
  for (const match of a.length > b.length ? [...matches].sort((x, y) => x.b - y.b) : matches) iouSum += match.iou;
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

/**
 * The matches when every pair that could match is its own component (no box of either list is in
 * two of them), as on most images: each such pair then matches as it is, the assignment has
 * nothing to decide. Found by trying every pair, without the sweep's sorts and the components'
 * arrays and maps (a third of a whole project's agreement computation went to them); null when
 * some box is in two candidate pairs.
 */
function separateMatches(a: readonly BoxCorners[], b: readonly BoxCorners[], threshold: number): BoxMatch[] | null {
  const matches: BoxMatch[] = [];
  if (bTaken.length < b.length) bTaken = new Uint8Array(Math.max(b.length, 2 * bTaken.length));
  bTaken.fill(0, 0, b.length);
  for (let i = 0; i < a.length; i++) {
    let aTaken = false;
    for (let j = 0; j < b.length; j++) {
      const iou = boxIoU(a[i]!, b[j]!);
      if (!(iou > 0 && iou >= threshold)) continue;
      if (aTaken || bTaken[j] === 1) return null;
      aTaken = true;
      bTaken[j] = 1;
      matches.push({ a: i, b: j, iou });
    }
  }
  return matches;
}

/** Which boxes of `b` {@link separateMatches} has paired so far: kept between calls, grown when a list is longer. */
let bTaken = new Uint8Array(64);

/** The optimal matches, by reference index: the overlapping pairs' components, each assigned on its own. */
function assignedMatches(a: readonly BoxCorners[], b: readonly BoxCorners[], threshold: number): BoxMatch[] {
  const pairs = overlappingPairs(a, b, threshold);
  const matches: BoxMatch[] = [];
  for (const component of connectedComponents(pairs, a.length, b.length)) matchComponent(pairs, component, matches);
  return matches.sort((x, y) => x.a - y.a);
}

/**
 * The pairs (indices into `pairs`) of each connected component of the graph whose nodes are the
 * boxes and whose edges are the pairs. A box in no pair cannot match and belongs to none.
 */
function connectedComponents(pairs: OverlappingPairs, aCount: number, bCount: number): Iterable<number[]> {
  const parent = new Int32Array(aCount + bCount);
  for (let node = 0; node < parent.length; node++) parent[node] = node;
  const root = (node: number): number => {
    while (parent[node] !== node) {
      parent[node] = parent[parent[node]!]!; // path halving keeps the trees shallow
      node = parent[node]!;
    }
    return node;
  };
  for (let k = 0; k < pairs.a.length; k++) {
    const x = root(pairs.a[k]!);
    const y = root(aCount + pairs.b[k]!);
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  }
  const byRoot = new Map<number, number[]>();
  for (let k = 0; k < pairs.a.length; k++) {
    const key = root(pairs.a[k]!);
    const members = byRoot.get(key);
    if (members) members.push(k);
    else byRoot.set(key, [k]);
  }
  return byRoot.values();
}

/**
 * Solves the assignment of one component on its own: the optimum over all boxes is the union of
 * the components' optima, since no pair joins two components. The component's matrix holds only
 * its own boxes, with no more rows than columns; a component too large for a matrix is solved on
 * its pairs (`maximumWeightMatching`).
 */
function matchComponent(pairs: OverlappingPairs, component: readonly number[], matches: BoxMatch[]): void {
  if (component.length === 1) {
    const k = component[0]!;
    matches.push({ a: pairs.a[k]!, b: pairs.b[k]!, iou: pairs.iou[k]! });
    return;
  }
  const aBoxes = distinct(component.map((k) => pairs.a[k]!));
  const bBoxes = distinct(component.map((k) => pairs.b[k]!));
  const transposed = aBoxes.length > bBoxes.length;
  const rows = transposed ? bBoxes : aBoxes;
  const columns = transposed ? aBoxes : bBoxes;
  const rowOf = new Map(rows.map((box, row) => [box, row]));
  const columnOf = new Map(columns.map((box, column) => [box, column]));
  if (rows.length * columns.length > DENSE_LIMIT) {
    const edges = {
      row: component.map((k) => rowOf.get(transposed ? pairs.b[k]! : pairs.a[k]!)!),
      column: component.map((k) => columnOf.get(transposed ? pairs.a[k]! : pairs.b[k]!)!),
      weight: component.map((k) => pairs.iou[k]!),
    };
    maximumWeightMatching(rows.length, columns.length, edges).forEach((edge) => {
      if (edge >= 0) matches.push({ a: pairs.a[component[edge]!]!, b: pairs.b[component[edge]!]!, iou: pairs.iou[component[edge]!]! });
    });
    return;
  }
  const weights = new Float64Array(rows.length * columns.length);
  for (const k of component) {
    const row = rowOf.get(transposed ? pairs.b[k]! : pairs.a[k]!)!;
    const column = columnOf.get(transposed ? pairs.a[k]! : pairs.b[k]!)!;
    weights[row * columns.length + column] = pairs.iou[k]!;
  }
  maximumWeightAssignment(weights, rows.length, columns.length).forEach((column, row) => {
    const iou = weights[row * columns.length + column]!;
    if (iou === 0) return; // assigned only to fill the square problem
    matches.push(transposed ? { a: columns[column]!, b: rows[row]!, iou } : { a: rows[row]!, b: columns[column]!, iou });
  });
}

function distinct(values: readonly number[]): number[] {
  return [...new Set(values)].sort((x, y) => x - y);
}
