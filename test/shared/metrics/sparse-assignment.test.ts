import { describe, expect, it } from 'vitest';
import { maximumWeightAssignment } from '../../../shared/metrics/assignment';
import { maximumWeightMatching } from '../../../shared/metrics/sparse-assignment';

/** The heaviest matching's pairs by the full-matrix Kuhn–Munkres, as [row, column] sorted by row. */
function denseOptimum(rows: number, columns: number, edges: { row: number[]; column: number[]; weight: number[] }): [number, number][] {
  const transposed = rows > columns;
  const [n, m] = transposed ? [columns, rows] : [rows, columns];
  const weights = new Float64Array(n * m);
  edges.row.forEach((row, k) => {
    const [i, j] = transposed ? [edges.column[k]!, row] : [row, edges.column[k]!];
    weights[i * m + j] = edges.weight[k]!;
  });
  const pairs: [number, number][] = [];
  maximumWeightAssignment(weights, n, m).forEach((j, i) => {
    if (weights[i * m + j] !== 0) pairs.push(transposed ? [j, i] : [i, j]);
  });
  return pairs.sort((x, y) => x[0] - y[0]);
}

describe('maximumWeightMatching', () => {
  it('finds the same matching as the full-matrix Kuhn–Munkres on many random sparse graphs', () => {
    let seed = 9;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let graph = 0; graph < 1500; graph++) {
      const rows = 1 + Math.floor(random() * 8);
      const columns = 1 + Math.floor(random() * 8);
      const edges = { row: [] as number[], column: [] as number[], weight: [] as number[] };
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < columns; j++) {
          if (random() < 0.45) continue;
          edges.row.push(i);
          edges.column.push(j);
          edges.weight.push(0.05 + random() * 0.95);
        }
      }
      const chosen = maximumWeightMatching(rows, columns, edges);
      const pairs: [number, number][] = [];
      chosen.forEach((edge, row) => {
        if (edge < 0) return;
        expect(edges.row[edge], `graph ${graph}`).toBe(row);
        pairs.push([row, edges.column[edge]!]);
      });
      expect(new Set(pairs.map(([, column]) => column)).size).toBe(pairs.length); // one to one
      expect(pairs, `graph ${graph}`).toEqual(denseOptimum(rows, columns, edges));
    }
  });

  it('leaves a row unmatched when its only column serves another row better', () => {
    // Rows 0 and 1 both want column 0; row 1 has no other choice, row 0 has column 1 at 0.2.
    expect([...maximumWeightMatching(2, 2, { row: [0, 0, 1], column: [0, 1, 0], weight: [0.9, 0.2, 0.8] })]).toEqual([1, 2]);
    expect([...maximumWeightMatching(2, 1, { row: [0, 1], column: [0, 0], weight: [0.5, 0.7] })]).toEqual([-1, 1]);
    expect([...maximumWeightMatching(3, 0, { row: [], column: [], weight: [] })]).toEqual([-1, -1, -1]);
  });
});
