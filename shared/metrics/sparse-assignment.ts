/**
 * The one-to-one matching of largest total weight in a bipartite graph given by its edges, each
 * row free to stay unmatched: successive shortest paths with potentials (the Hungarian method in
 * the form of Jonker and Volgenant), Dijkstra over the edges alone. Each row also has a private
 * "unmatched" column; edge costs are `top − weight` and unmatched costs `top`, all ≥ 0, so the
 * cheapest assignment is the heaviest matching. Memory follows the number of edges, and each
 * search only explores the rows and columns connected to the row it places.
 */

/** Edges as parallel arrays: edge k joins row `row[k]` and column `column[k]` with weight `weight[k]` > 0. */
export interface WeightedEdges {
  row: ArrayLike<number>;
  column: ArrayLike<number>;
  weight: ArrayLike<number>;
}

/**
 * For each of `rows` rows, the index of its edge in the heaviest matching, or −1 when it stays unmatched.
 * @example
 * maximumWeightMatching(2, 2, { row: [0, 0, 1], column: [0, 1, 0], weight: [0.9, 0.6, 0.7] }) // [1, 2]: 0.6 + 0.7 > 0.9
 */
export function maximumWeightMatching(rows: number, columns: number, edges: WeightedEdges): Int32Array {
  const { start, adjacentColumn, edgeIndex, cost, top } = byRow(rows, edges);
  const total = columns + rows; // the real columns, then one "unmatched" column per row
  const rowPotential = new Float64Array(rows);
  const columnPotential = new Float64Array(total);
  const rowOfColumn = new Int32Array(total).fill(-1);
  const columnOfRow = new Int32Array(rows).fill(-1);
  const distance = new Float64Array(total).fill(Infinity);
  const previousRow = new Int32Array(total);
  const previousEdge = new Int32Array(total); // the edge a column was reached by; −1 for an "unmatched" column
  const edgeOfRow = new Int32Array(rows).fill(-1);
  const settled = new Uint8Array(total);
  const rowDistance = new Float64Array(rows);
  const heap = new MinHeap();
  const touched: number[] = [];
  const settledColumns: number[] = [];
  const reachedRows: number[] = [];

  for (let source = 0; source < rows; source++) {
    const relax = (row: number, from: number): void => {
      const reach = (column: number, edgeCost: number, edge: number): void => {
        if (settled[column]) return; // rounding can make a settled column look closer again: it stays settled
        const next = from + edgeCost - rowPotential[row]! - columnPotential[column]!;
        if (next >= distance[column]!) return;
        if (distance[column] === Infinity) touched.push(column);
        distance[column] = next;
        previousRow[column] = row;
        previousEdge[column] = edge;
        heap.push(next, column);
      };
      for (let k = start[row]!; k < start[row + 1]!; k++) reach(adjacentColumn[k]!, cost[k]!, edgeIndex[k]!);
      reach(columns + row, top, -1);
    };
    rowDistance[source] = 0;
    reachedRows.push(source);
    relax(source, 0);
    let free = -1;
    let shortest = 0;
    while (heap.size > 0) {
      const [d, column] = heap.pop();
      if (settled[column] || d > distance[column]!) continue;
      settled[column] = 1;
      settledColumns.push(column);
      const owner = rowOfColumn[column]!;
      if (owner === -1) {
        free = column;
        shortest = d;
        break;
      }
      rowDistance[owner] = d;
      reachedRows.push(owner);
      relax(owner, d);
    }
    // Keep every reduced cost ≥ 0 and those of matched pairs 0 (see Jonker & Volgenant 1987).
    for (const row of reachedRows) rowPotential[row]! += shortest - rowDistance[row]!;
    for (const column of settledColumns) columnPotential[column]! -= shortest - distance[column]!;
    for (let column = free; ;) {
      const row = previousRow[column]!;
      const displaced = columnOfRow[row]!;
      rowOfColumn[column] = row;
      columnOfRow[row] = column;
      edgeOfRow[row] = previousEdge[column]!;
      if (row === source) break;
      column = displaced;
    }
    for (const column of touched) {
      distance[column] = Infinity;
      settled[column] = 0;
    }
    touched.length = 0;
    settledColumns.length = 0;
    reachedRows.length = 0;
    heap.clear();
  }
  return edgeOfRow;
}

/** The edges grouped by row (compressed rows), with their indices and costs `top − weight`. */
function byRow(rows: number, edges: WeightedEdges): { start: Int32Array; adjacentColumn: Int32Array; edgeIndex: Int32Array; cost: Float64Array; top: number } {
  const count = edges.row.length;
  let top = 0;
  for (let k = 0; k < count; k++) top = Math.max(top, edges.weight[k]!);
  const start = new Int32Array(rows + 1);
  for (let k = 0; k < count; k++) start[edges.row[k]! + 1]!++;
  for (let row = 0; row < rows; row++) start[row + 1]! += start[row]!;
  const fill = start.slice(0, rows);
  const adjacentColumn = new Int32Array(count);
  const edgeIndex = new Int32Array(count);
  const cost = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const at = fill[edges.row[k]!]!++;
    adjacentColumn[at] = edges.column[k]!;
    edgeIndex[at] = k;
    cost[at] = top - edges.weight[k]!;
  }
  return { start, adjacentColumn, edgeIndex, cost, top };
}

/** A binary heap of (key, value) pairs, smallest key first. */
class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, value: number): void {
    const { keys, values } = this;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  pop(): [key: number, value: number] {
    const { keys, values } = this;
    const result: [number, number] = [keys[0]!, values[0]!];
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    if (keys.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= keys.length) break;
        const child = left + 1 < keys.length && keys[left + 1]! < keys[left]! ? left + 1 : left;
        if (keys[child]! >= lastKey) break;
        keys[i] = keys[child]!;
        values[i] = values[child]!;
        i = child;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return result;
  }

  clear(): void {
    this.keys.length = 0;
    this.values.length = 0;
  }
}
