import type { AnnotationPayload } from '../annotation/payload';
import { matchBoxes, type BoxCorners, type BoxMatch } from '../metrics/box-matching';
import { ratio, type Measure } from './measure';
import type { BoxFigure, ClassAgreement } from './types';

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

/** Per-class counts: tp, fp, fn, Σ IoU. */
type ClassCounts = [number, number, number, number];

/**
 * Box measure: class-agnostic matching for the headline counts, and, on the side, matching
 * within each class for {@link BoxMeasure.perClass}.
 */
export class BoxMeasure implements Measure<PreparedBoxes, BoxFigure> {
  readonly width = 5;
  readonly sampleScore = 'pooled';
  private readonly classes = new Map<number, ClassCounts>();

  constructor(private readonly threshold: number) {}

  prepare(payload: AnnotationPayload): PreparedBoxes {
    if (payload.kind !== 'bbox') throw new Error(`expected a bbox payload, got ${payload.kind}`);
    return {
      corners: payload.boxes.map((box) => [box.x1, box.y1, box.x2, box.y2] as const),
      classIds: payload.boxes.map((box) => box.classId),
    };
  }

  compare(a: PreparedBoxes, b: PreparedBoxes, out: Float64Array, offset: number): void {
    const result = matchBoxes(a.corners, b.corners, { threshold: this.threshold });
    let iouSum = 0;
    let sameClass = 0;
    for (const match of result.matches) {
      iouSum += match.iou;
      if (a.classIds[match.a] === b.classIds[match.b]) sameClass++;
    }
    out[offset + TP] = result.tp;
    out[offset + FP] = result.fp;
    out[offset + FN] = result.fn;
    out[offset + IOU_SUM] = iouSum;
    out[offset + SAME_CLASS] = sameClass;
    this.countWithinClasses(a, b, result.matches);
  }

  score(counts: Float64Array, offset: number): number {
    const boxes = 2 * counts[offset + TP]! + counts[offset + FP]! + counts[offset + FN]!;
    return boxes === 0 ? 0 : 1 - (2 * counts[offset + IOU_SUM]!) / boxes;
  }

  figure(counts: Float64Array, comparisons: number, samples: number): BoxFigure {
    const tp = counts[TP]!;
    const fp = counts[FP]!;
    const fn = counts[FN]!;
    const f1 = ratio(2 * tp, 2 * tp + fp + fn);
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
    };
  }

  /** Pooled within-class agreement of every comparison so far, by class id. */
  perClass(): ClassAgreement[] {
    return [...this.classes]
      .sort(([x], [y]) => x - y)
      .map(([classId, [tp, fp, fn, iouSum]]) => ({ classId, tp, fp, fn, f1: ratio(2 * tp, 2 * tp + fp + fn), meanIoU: ratio(iouSum, tp) }));
  }

  /**
   * Per-class counts of a comparison. A class no match crosses ("clean") needs no matching of its
   * own: the class-agnostic optimum restricted to it is feasible within the class, and a better
   * within-class matching would improve the agnostic optimum too. Only classes that a
   * mismatched pair touches are matched again, within the class.
   */
  private countWithinClasses(a: PreparedBoxes, b: PreparedBoxes, matches: readonly BoxMatch[]): void {
    const crossed = new Set<number>();
    for (const match of matches) {
      const classA = a.classIds[match.a]!;
      const classB = b.classIds[match.b]!;
      if (classA !== classB) crossed.add(classA).add(classB);
    }
    for (const classId of a.classIds) if (!crossed.has(classId)) this.countsOf(classId)[2]++;
    for (const classId of b.classIds) if (!crossed.has(classId)) this.countsOf(classId)[1]++;
    for (const match of matches) {
      const classId = a.classIds[match.a]!;
      if (crossed.has(classId)) continue;
      const counts = this.countsOf(classId);
      counts[0]++;
      counts[1]--;
      counts[2]--;
      counts[3] += match.iou;
    }
    for (const classId of crossed) this.matchWithinClass(a, b, classId);
  }

  private countsOf(classId: number): ClassCounts {
    let counts = this.classes.get(classId);
    if (!counts) this.classes.set(classId, (counts = [0, 0, 0, 0]));
    return counts;
  }

  private matchWithinClass(a: PreparedBoxes, b: PreparedBoxes, classId: number): void {
    const ofA = a.corners.filter((_, i) => a.classIds[i] === classId);
    const ofB = b.corners.filter((_, i) => b.classIds[i] === classId);
    const counts = this.countsOf(classId);
    const result = matchBoxes(ofA, ofB, { threshold: this.threshold });
    counts[0] += result.tp;
    counts[1] += result.fp;
    counts[2] += result.fn;
    for (const match of result.matches) counts[3] += match.iou;
  }
}
