import type { AgreementDashboard, AgreementOptions, AnnotationForAgreement, ProjectAgreement } from '../../shared/agreement';
import type { ReviewPage, ReviewPageQuery } from '../../shared/disagreement/review-ledger';
import type { ReviewOptions } from '../../shared/disagreement/review-entry';
import type { PackedLabelerDrift } from '../../shared/quality/packed-drift';
import type { PackedAnswers } from './packed-answers';

/**
 * Messages to the agreement worker, which keeps one agreement ledger per set of options and one
 * review queue per review options. They are handled in the order sent, so a `set` after a `load`
 * always reaches that ledger.
 */
export type AgreementRequest =
  /**
   * Starts a ledger, taking back what `file` (null: none) kept; the answer says where the
   * database's changes stood when it was kept (null: nothing taken back).
   */
  | {
      type: 'load';
      id: number;
      key: string;
      kind: 'bbox' | 'transcript';
      options: AgreementOptions;
      file: string | null;
      project: string;
    }
  /**
   * Before the ledger `load` started is filled: `position` is where the changes stood before
   * anything was read, `fresh` that every sample will be filled (what was taken back is dropped).
   */
  | { type: 'begin'; key: string; position: string; fresh: boolean }
  /**
   * Samples changed since the ledger was kept (or every sample, when fresh), in increasing id,
   * each set from `answers`, their submitted annotations (none: the sample is taken out); answered once taken in.
   */
  | { type: 'fill'; id: number; key: string; samples: number[]; answers: PackedAnswers }
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
  | { type: 'fillReview'; key: string; answers: PackedAnswers }
  /** Keeps the review queue in its file for the next session; answered once written (or not). */
  | { type: 'saveReview'; id: number; key: string }
  | { type: 'dropReview'; key: string }
  /** A sample's submitted annotations changed: every ledger and queue takes the new ones. */
  | { type: 'set'; sampleId: number; annotations: AnnotationForAgreement[] }
  /**
   * Runs the code a ledger of `kind` and `options` runs on `samples` made-up samples (see
   * `warmUpMeasuring`): a few in a worker whose ledger was taken back from its file, a few hundred
   * in one started ahead of need, which then fills its young generation once too (`fillYoungGeneration`:
   * a whole computation is ahead); nothing when the thread has measured a sample already.
   */
  | { type: 'warmUp'; kind: 'bbox' | 'transcript'; options: AgreementOptions; samples: number; fillYoungGeneration: boolean }
  | { type: 'snapshot'; id: number; key: string }
  /** What the dashboard shows (see `AgreementLedger.dashboard`). */
  | { type: 'dashboard'; id: number; key: string }
  /** Each compared sample's disagreement score in a ledger (see `AgreementLedger.scores`). */
  | { type: 'scores'; id: number; key: string }
  | { type: 'review'; id: number; key: string; query: ReviewPageQuery }
  /** Each labeler's drift from a ledger's peer records (its pair scores and submission times, see `teamDrift`), packed. */
  | { type: 'drift'; id: number; key: string };

/** What `loadReview` answers: the samples whose annotations the queue still needs. */
export interface ReviewToFill {
  stale: number[];
}

/** What `load` answers: where the changes stood when the ledger taken back was kept (null: none was). */
export interface LedgerKept {
  position: string | null;
}

/** What `fill` answers: how many samples the ledger holds now. */
export interface LedgerFilled {
  samples: number;
}

/** What `saveReview` and `saveLedger` answer: whether the file was written (a failure is logged, never fatal). */
export interface FileSaved {
  saved: boolean;
}

export type AgreementResponse =
  | {
      id: number;
      ok: true;
      value: ProjectAgreement | AgreementDashboard | ReviewPage | ReviewToFill | LedgerKept | LedgerFilled | FileSaved | Float64Array | PackedLabelerDrift[];
    }
  | { id: number; ok: false; message: string };
