import type { AnnotationPayload } from '../annotation/payload';
import type { Disagreement } from '../disagreement/types';
import type { ReviewItem } from '../disagreement/review-entry';
import type { ReviewPage } from '../disagreement/review-ledger';
import type { ClassifyingProgress } from './classifying';

/**
 * How a sample's final (gold) label was decided: one labeler's version accepted, the automatic
 * consensus accepted (by an SME, or automatically above the agreement threshold), or edited by
 * the SME in the editor.
 */
export type GoldChoice = 'labeler' | 'consensus' | 'edited' | 'auto_consensus';

/** One adjudication decision. Decisions are never overwritten: a revision supersedes the last. */
export interface GoldDecision {
  sampleId: number;
  revision: number;
  choice: GoldChoice;
  /** The labeler whose version was accepted (`labeler` only). */
  sourceLabelerId: number | null;
  /** The gold label. */
  payload: AnnotationPayload;
  /** The SME who decided; `null` for an automatic acceptance. */
  decidedBy: number | null;
  decidedAt: string;
  reason: string;
  /** The guideline rule applied, e.g. `#fillers`. */
  guidelineRule: string | null;
  /** The guideline version current at the decision. */
  guidelineVersion: number;
}

/** A queue item as the SME sees it: with the sample's name and where its adjudication stands. */
export interface ReviewQueueItem extends ReviewItem {
  displayName: string;
  decision: Pick<GoldDecision, 'revision' | 'choice'> | null;
}

/** One page of the review queue (`review.queue`), with the totals, shares and facets of the whole queue. */
export interface ReviewQueueView extends Omit<ReviewPage, 'items'> {
  items: ReviewQueueItem[];
  /** Null: the queue is current. Otherwise many samples are being classified, and the queue fills in as they are. */
  classifying: ClassifyingProgress | null;
}

/** Everything an SME needs to decide one sample. */
export interface ReviewSample {
  sampleId: number;
  annotations: { labelerId: number; guidelineVersion: number; submittedAt: string; payload: AnnotationPayload }[];
  /** When the newest of `annotations` was submitted; a decision sends it back as `answersSeenAt`. */
  answersAt: string | null;
  disagreements: Disagreement[];
  /** The automatic consensus of the submitted annotations. */
  consensus: AnnotationPayload;
  decision: GoldDecision | null;
  /** Every decision, newest first. */
  history: GoldDecision[];
  /** An unfinished gold edit, autosaved from the editor. */
  draft: { payload: AnnotationPayload; revision: number } | null;
}
