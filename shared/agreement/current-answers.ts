import type { AnnotationForAgreement } from './types';

/**
 * Each labeler's current answer among a sample's submitted annotations (they may hold one per
 * guideline version): the latest `submittedAt`, by labeler id.
 */
export function currentAnswers(annotations: readonly AnnotationForAgreement[]): AnnotationForAgreement[] {
  const latest = new Map<number, AnnotationForAgreement>();
  for (const annotation of annotations) {
    const earlier = latest.get(annotation.labelerId);
    if (!earlier || annotation.submittedAt >= earlier.submittedAt) latest.set(annotation.labelerId, annotation);
  }
  return [...latest.values()].sort((x, y) => x.labelerId - y.labelerId);
}

/** The annotations of many samples, by sample id (in first-seen order). */
export function bySample(annotations: readonly AnnotationForAgreement[]): Map<number, AnnotationForAgreement[]> {
  const groups = new Map<number, AnnotationForAgreement[]>();
  for (const annotation of annotations) {
    let list = groups.get(annotation.sampleId);
    if (!list) groups.set(annotation.sampleId, (list = []));
    list.push(annotation);
  }
  return groups;
}
