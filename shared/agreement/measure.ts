import type { AnnotationPayload } from '../annotation/payload';
import type { AgreementFigure } from './types';

/**
 * What `projectAgreement` needs from a kind of annotation: how to compare two annotations of a
 * sample into a fixed-width vector of counts, and how to turn summed counts into a figure.
 * Counts are additive, so every aggregation (overall, per pair, per tag, bootstrap) is a sum.
 */
export interface Measure<Prepared, F extends AgreementFigure> {
  /** Length of the count vector of one comparison. */
  readonly width: number;
  /** Per-sample score: of the sample's summed counts (`pooled`) or the mean of its pairs' scores (`mean`). */
  readonly sampleScore: 'pooled' | 'mean';
  /** Converts a payload once, before any comparison; throws on a payload of the wrong kind. */
  prepare(payload: AnnotationPayload): Prepared;
  /**
   * Compares `a` (lower labeler id) with `b`, writing `width` counts into `out` at `offset`, and
   * anything finer (per class, class confusion) into `details`.
   */
  compare(a: Prepared, b: Prepared, out: Float64Array, offset: number, details: ComparisonDetails): void;
  /** Disagreement in [0, 1] of counts at `offset`. */
  score(counts: Float64Array, offset: number): number;
  /** The figure of summed counts (and summed class confusion, for boxes). */
  figure(counts: Float64Array, comparisons: number, samples: number, confusion?: ReadonlyMap<number, number>): F;
}

/** What a comparison finds besides its count vector; the transcript measure leaves it empty. */
export interface ComparisonDetails {
  /** Count vectors (the measure's layout) of each class's boxes matched within that class. */
  readonly classes: Map<number, Float64Array>;
  /** Classes of the matched pairs, by `confusionKey`. */
  readonly confusion: Map<number, number>;
}

/** x / y, or `null` when y is 0. */
export function ratio(x: number, y: number): number | null {
  return y === 0 ? null : x / y;
}
