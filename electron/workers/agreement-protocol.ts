import type { AgreementOptions, AnnotationForAgreement, ProjectAgreement } from '../../shared/agreement';
import type { ReviewPage, ReviewPageQuery } from '../../shared/disagreement/review-ledger';
import type { ReviewOptions } from '../../shared/disagreement/review-entry';

/**
 * Messages to the agreement worker, which keeps one ledger per set of options (with the review
 * queue's ledger beside it when `review` options were loaded). They are handled in the order
 * sent, so a `set` after a `load` always reaches that ledger.
 */
export type AgreementRequest =
  | {
      type: 'load';
      key: string;
      kind: 'bbox' | 'transcript';
      options: AgreementOptions;
      /** Keep the review queue too, classified with these options. */
      review: ReviewOptions | null;
      annotations: AnnotationForAgreement[];
    }
  | { type: 'drop'; key: string }
  /** A sample's submitted annotations changed: every ledger takes the new ones. */
  | { type: 'set'; sampleId: number; annotations: AnnotationForAgreement[] }
  | { type: 'snapshot'; id: number; key: string }
  | { type: 'review'; id: number; key: string; query: ReviewPageQuery };

export type AgreementResponse = { id: number; ok: true; value: ProjectAgreement | ReviewPage } | { id: number; ok: false; message: string };
