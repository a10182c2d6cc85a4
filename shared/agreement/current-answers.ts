import type { AnnotationForAgreement } from './types';

/**
 * Each labeler's current answer among a sample's submitted annotations (they may hold one per
 * guideline version): the latest `submittedAt`, by labeler id.
 */
export function currentAnswers(annotations: readonly AnnotationForAgreement[]): AnnotationForAgreement[] {
  // A sample has a few answers: a scan of the few kept so far is cheaper than a map per sample (a whole project's first computation sets every sample).
  const latest: AnnotationForAgreement[] = [];
  for (const annotation of annotations) {
    let at = 0;
    while (at < latest.length && latest[at]!.labelerId !== annotation.labelerId) at++;
    if (at === latest.length) latest.push(annotation);
    else if (annotation.submittedAt >= latest[at]!.submittedAt) latest[at] = annotation;
  }
  return latest.sort((x, y) => x.labelerId - y.labelerId);
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
