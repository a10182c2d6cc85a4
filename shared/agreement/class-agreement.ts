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
  return new ClassConfusionTable([...confusion.keys()], alsoCounted).coefficients([...confusion.values()]);
}

/**
 * {@link classCoefficients} of many confusions over the same keys, each given as its counts in the
 * keys' order (a count of 0 or less is a pair not seen): a bootstrap's resamples. The keys' classes
 * are coded once; a confusion's coefficients then allocate nothing per key or class.
 */
export class ClassConfusionTable {
  /** Each key's two classes, as indexes into the classes of every key and `alsoCounted`. */
  private readonly classA: number[];
  private readonly classB: number[];
  /** Indexes of the classes always counted. */
  private readonly alsoCounted: number[];
  /** Per class index, its code in the confusion at hand (−1 when not seen): scratch. */
  private readonly codeOf: number[];
  /** Per code, the labels of the first side (rows) and the other (columns): scratch. */
  private readonly rows: number[];
  private readonly columns: number[];
  /** The confusion's cells with a count, as a pair table of codes: scratch. */
  private readonly first: number[];
  private readonly second: number[];
  private readonly cellCounts: number[];

  constructor(keys: readonly number[], alsoCounted: Iterable<number> = []) {
    const indexOf = new Map<number, number>();
    const index = (classId: number) => indexOf.get(classId) ?? indexOf.set(classId, indexOf.size).size - 1;
    this.classA = keys.map((key) => index(confusionClasses(key)[0]));
    this.classB = keys.map((key) => index(confusionClasses(key)[1]));
    this.alsoCounted = [...new Set(alsoCounted)].map(index);
    const classes = indexOf.size;
    this.codeOf = new Array<number>(classes).fill(-1);
    this.rows = new Array<number>(classes).fill(0);
    this.columns = new Array<number>(classes).fill(0);
    this.first = new Array<number>(keys.length).fill(0);
    this.second = new Array<number>(keys.length).fill(0);
    this.cellCounts = new Array<number>(keys.length).fill(0);
  }

  /** The coefficients of the confusion with these counts, one per key in the keys' order. */
  coefficients(counts: ArrayLike<number>): ClassCoefficients {
    const { classA, classB, codeOf, rows, columns, first, second, cellCounts } = this;
    // Codes 0 to q − 1 go to this confusion's classes only (q counts them): first those seen among
    // the rows, then among the columns, then those always counted. Kappa's chance runs over the rows' codes.
    codeOf.fill(-1);
    let q = 0;
    for (let i = 0; i < classA.length; i++) if (counts[i]! > 0 && codeOf[classA[i]!]! < 0) codeOf[classA[i]!] = q++;
    const rowClasses = q;
    for (let i = 0; i < classB.length; i++) if (counts[i]! > 0 && codeOf[classB[i]!]! < 0) codeOf[classB[i]!] = q++;
    for (const index of this.alsoCounted) if (codeOf[index]! < 0) codeOf[index] = q++;

    rows.fill(0, 0, q);
    columns.fill(0, 0, q);
    let n = 0;
    let agreed = 0;
    let cells = 0;
    for (let i = 0; i < classA.length; i++) {
      const count = counts[i]!;
      if (!(count > 0)) continue;
      const a = codeOf[classA[i]!]!;
      const b = codeOf[classB[i]!]!;
      rows[a]! += count;
      columns[b]! += count;
      n += count;
      if (a === b) agreed += count;
      first[cells] = a;
      second[cells] = b;
      cellCounts[cells++] = count;
    }
    if (n === 0) return { kappa: null, ac1: null, brennanPrediger: null, commonestShare: null };

    let expected = 0;
    for (let code = 0; code < rowClasses; code++) expected += (rows[code]! * columns[code]!) / (n * n);
    const kappa = expected >= 1 ? null : (agreed / n - expected) / (1 - expected);
    let commonest = 0;
    for (let code = 0; code < q; code++) commonest = Math.max(commonest, rows[code]! + columns[code]!);
    const coefficients = pairTableCoefficients({ first, second, counts: cellCounts, cells, q });
    return {
      kappa,
      ac1: coefficients.gwet.value,
      brennanPrediger: coefficients.brennanPrediger.value,
      commonestShare: commonest / (2 * n),
    };
  }
}

/** The classes in a confusion map (either side of any pair with a count). */
export function confusionClassIds(confusion: ReadonlyMap<number, number>): Set<number> {
  const classes = new Set<number>();
  for (const [key, count] of confusion) if (count > 0) for (const classId of confusionClasses(key)) classes.add(classId);
  return classes;
}
