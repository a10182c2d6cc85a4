import { AgreementLedger } from './ledger';
import type { AgreementOptions, AnnotationForAgreement, BoxFigure, ProjectAgreement, TranscriptFigure } from './types';

/**
 * Inter-labeler agreement of a project from its submitted annotations: each unordered pair of
 * labelers on a sample is compared once (a "comparison") and every figure sums those counts.
 * When a labeler submitted a sample more than once, the latest `submittedAt` counts. Samples with
 * one labeler are ignored everywhere, flags and tags included. Every annotation must be of `kind`.
 * To keep the figures current as labelers submit, hold an {@link AgreementLedger} instead.
 *
 * Definitions are on the result types ({@link BoxFigure}, {@link TranscriptFigure},
 * {@link SampleDisagreement}, …). Intervals resample samples (Poisson bootstrap, 200 resamples,
 * seed 1, 95 % by default; see `options.bootstrap`).
 * @example
 * const box = { id: 'b', classId: 1, x1: 0, y1: 0, x2: 10, y2: 10 };
 * const payload = { v: 1, kind: 'bbox', boxes: [box], noObjects: false, flags: { unsure: false, comment: '', mediaBroken: false }, tags: [] } as const;
 * const base = { sampleId: 1, guidelineVersion: 1, submittedAt: 0, sampleTags: [], payload };
 * projectAgreement([{ ...base, labelerId: 1 }, { ...base, labelerId: 2 }], 'bbox').overall.f1 // 1
 */
export function projectAgreement(annotations: readonly AnnotationForAgreement[], kind: 'bbox', options?: AgreementOptions): ProjectAgreement<BoxFigure>;
export function projectAgreement(
  annotations: readonly AnnotationForAgreement[],
  kind: 'transcript',
  options?: AgreementOptions,
): ProjectAgreement<TranscriptFigure>;
export function projectAgreement(
  annotations: readonly AnnotationForAgreement[],
  kind: 'bbox' | 'transcript',
  options: AgreementOptions = {},
): ProjectAgreement {
  return AgreementLedger.of(kind, annotations, options).snapshot();
}
