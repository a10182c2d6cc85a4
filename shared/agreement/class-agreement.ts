import { pairTableCoefficients } from '../metrics/agreement-coefficients';
import { confusionClasses } from './pool';

/**
 * Agreement on the classes of matched boxes, from their confusion (matched pairs by class of the
 * lower labeler id and class of the other). Kappa corrects for chance with each side's class
 * totals, so when one class holds nearly every box it collapses even though the labelers
 * almost always agree (the kappa paradox); Gwet's AC1 and Brennan–Prediger are shown beside it.
 */

/** When the commonest class holds more than this share of the matched boxes' labels, kappa alone misleads. */
export const SKEWED_CLASS_SHARE = 0.8;

export interface ClassCoefficients {
  /** Cohen's kappa (unweighted); `null` with no match or one and the same class on both sides. */
  kappa: number | null;
  /** Gwet's AC1 over the classes seen in matched pairs; `null` with no match or only one class seen. */
  ac1: number | null;
  /** Brennan–Prediger's free-marginal kappa over the classes seen; `null` with no match or one class. */
  brennanPrediger: number | null;
  /** Share of the matched boxes' labels (two per pair) in the commonest class; `null` with no match. */
  commonestShare: number | null;
}

/**
 * The coefficients of a confusion map (counts by `confusionKey`). AC1 and Brennan–Prediger count
 * the classes seen in it, and those of `alsoCounted`: a bootstrap resample passes the classes of
 * the whole data, so that a resample which happens to miss a rare class is not judged on fewer.
 * @example classCoefficients(new Map([[confusionKey(1, 1), 9], [confusionKey(1, 2), 1]])) // kappa 0, AC1 ≈ 0.89, commonest share 0.95
 */
export function classCoefficients(confusion: ReadonlyMap<number, number>, alsoCounted: Iterable<number> = []): ClassCoefficients {
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  let n = 0;
  let agreed = 0;
  for (const [key, count] of confusion) {
    if (count <= 0) continue;
    const [classA, classB] = confusionClasses(key);
    rows.set(classA, (rows.get(classA) ?? 0) + count);
    columns.set(classB, (columns.get(classB) ?? 0) + count);
    n += count;
    if (classA === classB) agreed += count;
  }
  if (n === 0) return { kappa: null, ac1: null, brennanPrediger: null, commonestShare: null };

  let expected = 0;
  for (const [classId, row] of rows) expected += (row * (columns.get(classId) ?? 0)) / (n * n);
  const kappa = expected >= 1 ? null : (agreed / n - expected) / (1 - expected);

  const classes = [...new Set([...rows.keys(), ...columns.keys(), ...alsoCounted])];
  const code = new Map(classes.map((classId, index) => [classId, index]));
  let commonest = 0;
  for (const classId of classes) commonest = Math.max(commonest, (rows.get(classId) ?? 0) + (columns.get(classId) ?? 0));
  const cells: [number, number, number][] = [];
  for (const [key, count] of confusion) {
    if (count <= 0) continue;
    const [classA, classB] = confusionClasses(key);
    cells.push([code.get(classA)!, code.get(classB)!, count]);
  }
  const coefficients = pairTableCoefficients(cells, classes.length);
  return {
    kappa,
    ac1: coefficients.gwet.value,
    brennanPrediger: coefficients.brennanPrediger.value,
    commonestShare: commonest / (2 * n),
  };
}

/** The classes in a confusion map (either side of any pair with a count). */
export function confusionClassIds(confusion: ReadonlyMap<number, number>): Set<number> {
  const classes = new Set<number>();
  for (const [key, count] of confusion) if (count > 0) for (const classId of confusionClasses(key)) classes.add(classId);
  return classes;
}
