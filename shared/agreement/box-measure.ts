import type { AnnotationPayload } from '../annotation/payload';
import { matchBoxes, type BoxCorners, type BoxMatch } from '../metrics/box-matching';
import { classCoefficients } from './class-agreement';
import { ratio, type ComparisonDetails, type Measure } from './measure';
import { confusionKey } from './pool';
import type { BoxFigure } from './types';

/** One annotation's boxes as corners, with their classes in the same order. */
export interface PreparedBoxes {
  corners: BoxCorners[];
  classIds: number[];
}

// Count vector of a comparison: tp, fp, fn, Σ IoU of matches, matches with equal classes.
const TP = 0;
const FP = 1;
const FN = 2;
const IOU_SUM = 3;
const SAME_CLASS = 4;

const WIDTH = 5;

/**
 * Box measure: class-agnostic matching for the headline counts, and, in the details, matching
 * within each class (per-class figures, where `classAgreement` is 1 by construction) and the
 * classes of matched pairs (class kappa).
 */
export class BoxMeasure implements Measure<PreparedBoxes, BoxFigure> {
  readonly width = WIDTH;
  readonly sampleScore = 'pooled';

  constructor(private readonly threshold: number) {}

  prepare(payload: AnnotationPayload): PreparedBoxes {
    if (payload.kind !== 'bbox') throw new Error(`expected a bbox payload, got ${payload.kind}`);
    return {
      corners: payload.boxes.map((box) => [box.x1, box.y1, box.x2, box.y2] as const),
      classIds: payload.boxes.map((box) => box.classId),
    };
  }

  compare(a: PreparedBoxes, b: PreparedBoxes, out: Float64Array, offset: number, details: ComparisonDetails): void {
    const result = matchBoxes(a.corners, b.corners, { threshold: this.threshold });
    let iouSum = 0;
    let sameClass = 0;
    for (const match of result.matches) {
      iouSum += match.iou;
      const classA = a.classIds[match.a]!;
      const classB = b.classIds[match.b]!;
      if (classA === classB) sameClass++;
      const key = confusionKey(classA, classB);
      details.confusion.set(key, (details.confusion.get(key) ?? 0) + 1);
    }
    out[offset + TP] = result.tp;
    out[offset + FP] = result.fp;
    out[offset + FN] = result.fn;
    out[offset + IOU_SUM] = iouSum;
    out[offset + SAME_CLASS] = sameClass;
    this.countWithinClasses(a, b, result.matches, details.classes);
  }

  score(counts: Float64Array, offset: number): number {
    const boxes = 2 * counts[offset + TP]! + counts[offset + FP]! + counts[offset + FN]!;
    return boxes === 0 ? 0 : 1 - (2 * counts[offset + IOU_SUM]!) / boxes;
  }

  figure(counts: Float64Array, comparisons: number, samples: number, confusion?: ReadonlyMap<number, number>): BoxFigure {
    const tp = counts[TP]!;
    const fp = counts[FP]!;
    const fn = counts[FN]!;
    const f1 = ratio(2 * tp, 2 * tp + fp + fn);
    const classes = confusion ? classCoefficients(confusion) : null;
    return {
      kind: 'bbox',
      value: f1,
      comparisons,
      samples,
      tp,
      fp,
      fn,
      f1,
      meanIoU: ratio(counts[IOU_SUM]!, tp),
      classAgreement: ratio(counts[SAME_CLASS]!, tp),
      classKappa: classes?.kappa ?? null,
      classAC1: classes?.ac1 ?? null,
      classBrennanPrediger: classes?.brennanPrediger ?? null,
      commonestClassShare: classes?.commonestShare ?? null,
    };
  }

  /**
   * Per-class counts of a comparison. A class no match crosses ("clean") needs no matching of its
   * own: the class-agnostic optimum restricted to it is feasible within the class, and a better
   * within-class matching would improve the agnostic optimum too. Only classes that a
   * mismatched pair touches are matched again, within the class.
   */
  private countWithinClasses(a: PreparedBoxes, b: PreparedBoxes, matches: readonly BoxMatch[], classes: Map<number, Float64Array>): void {
    const crossed = new Set<number>();
    for (const match of matches) {
      const classA = a.classIds[match.a]!;
      const classB = b.classIds[match.b]!;
      if (classA !== classB) crossed.add(classA).add(classB);
    }
    for (const classId of a.classIds) if (!crossed.has(classId)) countsOf(classes, classId)[FN]!++;
    for (const classId of b.classIds) if (!crossed.has(classId)) countsOf(classes, classId)[FP]!++;
    for (const match of matches) {
      const classId = a.classIds[match.a]!;
      if (crossed.has(classId)) continue;
      const counts = countsOf(classes, classId);
      counts[TP]!++;
      counts[SAME_CLASS]!++;
      counts[FP]!--;
      counts[FN]!--;
      counts[IOU_SUM]! += match.iou;
    }
    for (const classId of crossed) this.matchWithinClass(a, b, classId, countsOf(classes, classId));
  }

  private matchWithinClass(a: PreparedBoxes, b: PreparedBoxes, classId: number, counts: Float64Array): void {
    const ofA = a.corners.filter((_, i) => a.classIds[i] === classId);
    const ofB = b.corners.filter((_, i) => b.classIds[i] === classId);
    const result = matchBoxes(ofA, ofB, { threshold: this.threshold });
    counts[TP]! += result.tp;
    counts[SAME_CLASS]! += result.tp;
    counts[FP]! += result.fp;
    counts[FN]! += result.fn;
    for (const match of result.matches) counts[IOU_SUM]! += match.iou;
  }
}

function countsOf(classes: Map<number, Float64Array>, classId: number): Float64Array {
  let counts = classes.get(classId);
  if (!counts) classes.set(classId, (counts = new Float64Array(WIDTH)));
  return counts;
}
