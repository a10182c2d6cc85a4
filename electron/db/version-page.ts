import type { AnnotationForAgreement } from '../../shared/agreement/types';
import { withCurrentTagNames } from '../../shared/domain/taxonomy';
import type { StoredAnswer } from './queries/agreement-inputs';
import type { SampleShownRow } from './queries/annotation-reads';
import { readStoredPayload } from './stored-payload';

/** A sample as a dataset version freezes it: its row and its tags, sorted as `splitTagNames` sorts them. */
export interface VersionSample extends SampleShownRow {
  tags: readonly string[];
}

/**
 * A page of samples as `versionPage` reads it, plain data (it crosses to the version's worker):
 * the samples in id order, and their answers grouped by sample in the same order.
 */
export interface VersionPage {
  samples: VersionSample[];
  answers: StoredAnswer[];
}

/**
 * A sample's submitted answers from its page, as `submittedForAgreement` gives them (by labeler,
 * then guideline version; tags under their current names via `currentName`, the sample's tags as
 * `sampleTags`), parsed when asked for: one sample's answers at a time are all that is ever parsed
 * and alive, not a whole page's, which kept the garbage collector copying them. Payloads are
 * checked without zod's wrapper (see `readStoredPayload`): a damaged one throws `StoredJsonError`.
 * @example answersOfPage(page, (name) => name)(page.samples[0].id) // the first sample's answers
 */
export function answersOfPage(page: VersionPage, currentName: (name: string) => string): (sampleId: number) => AnnotationForAgreement[] {
  const rangeOf = new Map<number, readonly [number, number]>();
  for (let start = 0; start < page.answers.length;) {
    const sampleId = page.answers[start]!.sampleId;
    let end = start + 1;
    while (end < page.answers.length && page.answers[end]!.sampleId === sampleId) end++;
    rangeOf.set(sampleId, [start, end]);
    start = end;
  }
  const tagsOf = new Map(page.samples.map((sample) => [sample.id, sample.tags]));
  return (sampleId) => {
    const [first, end] = rangeOf.get(sampleId) ?? [0, 0];
    const answers: AnnotationForAgreement[] = [];
    for (let i = first; i < end; i++) {
      const row = page.answers[i]!;
      const payload = readStoredPayload(row.payloadJson, { table: 'annotation_revision', column: 'payload_json', row: row.revisionId });
      answers.push({
        sampleId: row.sampleId,
        labelerId: row.labelerId,
        guidelineVersion: row.guidelineVersion,
        submittedAt: row.submittedAt,
        sampleTags: tagsOf.get(row.sampleId)!,
        payload: withCurrentTagNames(payload, currentName),
      });
    }
    return answers;
  };
}
