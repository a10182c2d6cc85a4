import type { AgreementDashboard, AgreementOptions, AnnotationForAgreement, ProjectAgreement } from '../../shared/agreement';
import type { ReviewPage, ReviewPageQuery } from '../../shared/disagreement/review-ledger';
import type { ReviewOptions } from '../../shared/disagreement/review-entry';

/**
 * Messages to the agreement worker, which keeps one agreement ledger per set of options and one
 * review queue per review options. They are handled in the order sent, so a `set` after a `load`
 * always reaches that ledger.
 */
export type AgreementRequest =
  /**
   * Starts a ledger, taking back from `file` (null: none) each sample whose stamp is still that
   * of `stamps`; the answer lists the samples whose annotations `fill` must bring (stale or new).
   */
  | {
      type: 'load';
      id: number;
      key: string;
      kind: 'bbox' | 'transcript';
      options: AgreementOptions;
      stamps: Map<number, string>;
      file: string | null;
      project: string;
    }
  /**
   * The next of the samples `load` listed (in increasing id), into the ledger it started, each set
   * from `annotations`, their submitted annotations (none: the sample is taken out); answered once taken in.
   */
  | { type: 'fill'; id: number; key: string; samples: number[]; annotations: AnnotationForAgreement[] }
  /** Keeps the ledger in its file for the next session; answered once written (or not). */
  | { type: 'saveLedger'; id: number; key: string }
  | { type: 'drop'; key: string }
  /**
   * Starts a review queue from the one kept in `file` (null: none), keeping each sample whose
   * stamp is still that of `stamps`; the answer lists the samples to `fill` (stale or new).
   */
  | {
      type: 'loadReview';
      id: number;
      key: string;
      kind: 'bbox' | 'transcript';
      review: ReviewOptions;
      stamps: Map<number, string>;
      file: string | null;
    }
  /** The submitted annotations of some of the samples a `loadReview` asked for. */
  | { type: 'fillReview'; key: string; annotations: AnnotationForAgreement[] }
  /** Keeps the review queue in its file for the next session; answered once written (or not). */
  | { type: 'saveReview'; id: number; key: string }
  | { type: 'dropReview'; key: string }
  /** A sample's submitted annotations changed: every ledger and queue takes the new ones. */
  | { type: 'set'; sampleId: number; annotations: AnnotationForAgreement[] }
  | { type: 'snapshot'; id: number; key: string }
  /** What the dashboard shows (see `AgreementLedger.dashboard`). */
  | { type: 'dashboard'; id: number; key: string }
  /** Each compared sample's disagreement score in a ledger (see `AgreementLedger.scores`). */
  | { type: 'scores'; id: number; key: string }
  | { type: 'review'; id: number; key: string; query: ReviewPageQuery };

/** What `loadReview` answers: the samples whose annotations the queue still needs. */
export interface ReviewToFill {
  stale: number[];
}

/** What `load` answers: the samples whose annotations the ledger still needs. */
export interface LedgerToFill {
  stale: number[];
}

/** What `fill` answers: how many samples the ledger holds now. */
export interface LedgerFilled {
  samples: number;
}

/** What `saveReview` and `saveLedger` answer: whether the file was written (a failure is logged, never fatal). */
export interface ReviewSaved {
  saved: boolean;
}

export type AgreementResponse =
  | {
      id: number;
      ok: true;
      value: ProjectAgreement | AgreementDashboard | ReviewPage | ReviewToFill | LedgerToFill | LedgerFilled | ReviewSaved | Float64Array;
    }
  | { id: number; ok: false; message: string };
