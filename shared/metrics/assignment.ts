/**
 * Kuhn–Munkres (the Hungarian algorithm) with potentials, in the O(n²m) shortest augmenting path
 * form, maximising total weight: for each of `n` rows, the column it is assigned among `m ≥ n`.
 * Weights are row-major, n × m; a weight of 0 stands for "not a pair" (the caller drops such
 * assignments), so a row may end on a column it has no pair with when nothing better is left.
 * @example
 * maximumWeightAssignment(Float64Array.of(0.9, 0.6, 0.7, 0), 2, 2) // [1, 0]: 0.6 + 0.7 > 0.9
 */
export function maximumWeightAssignment(weights: Float64Array, n: number, m: number): Int32Array {
  if (n > m) throw new Error(`an assignment needs no more rows than columns (got ${n} × ${m})`);
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
