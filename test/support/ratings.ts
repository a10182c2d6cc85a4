/**
 * Rating data in the shapes the metrics take (one row per coder, one column per unit), built from
 * the shapes textbooks and packages print them in.
 */

/** Coder rows from a table of counts: `counts[unit][j]` raters put the unit in `categories[j]` (default j + 1). */
export function coderRowsFromCounts<T = number>(counts: readonly (readonly number[])[], categories?: readonly T[]): T[][] {
  const raters = counts[0]!.reduce((sum, n) => sum + n, 0);
  const rows = Array.from({ length: raters }, () => [] as T[]);
  for (const unitCounts of counts) {
    let rater = 0;
    unitCounts.forEach((n, j) => {
      for (let r = 0; r < n; r++) rows[rater++]!.push(categories ? categories[j]! : ((j + 1) as T));
    });
  }
  return rows;
}

/** Two coders' rows from a contingency table: `table[i][j]` units rated `categories[i]` by the first and `categories[j]` by the second. */
export function coderRowsFromTable<T>(categories: readonly T[], table: readonly (readonly number[])[]): [T[], T[]] {
  const first: T[] = [];
  const second: T[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let n = 0; n < count; n++) {
        first.push(categories[i]!);
        second.push(categories[j]!);
      }
    }),
  );
  return [first, second];
}

/** Coder rows from unit rows (one row per unit, one column per coder), as R data frames print ratings. */
export function coderRowsFromUnits<T>(units: readonly (readonly T[])[]): T[][] {
  return units[0]!.map((_, coder) => units.map((unit) => unit[coder]!));
}

/** irrCAC's `cac.raw4raters` (Gwet 2014, p. 120): 12 units × 4 raters, categories 1–5, no rater rated every unit. */
export const RAW_4_RATERS = coderRowsFromUnits([
  [1, 1, null, 1],
  [2, 2, 3, 2],
  [3, 3, 3, 3],
  [3, 3, 3, 3],
  [2, 2, 2, 2],
  [1, 2, 3, 4],
  [4, 4, 4, 4],
  [1, 1, 2, 1],
  [2, 2, 2, 2],
  [null, 5, 5, 5],
  [null, null, 1, 1],
  [null, null, 3, null],
]);
