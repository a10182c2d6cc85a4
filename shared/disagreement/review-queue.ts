import type { AnnotationForAgreement } from '../agreement/types';
import type { ReviewItem, ReviewOptions } from './review-entry';
import { NO_REVIEW_FILTERS, ReviewLedger, type DisagreementShares } from './review-ledger';

export type { ReviewItem, ReviewOptions } from './review-entry';
export type { DisagreementShares, GroupShares, TypeShare } from './review-ledger';

export interface ReviewQueue {
  items: ReviewItem[];
  shares: DisagreementShares;
}

/**
 * The review queue of a project from its submitted annotations (the latest per labeler counts):
 * every sample where two labelers disagree, with the types found, sorted by `severity` (then
 * sample id), and the share of each type overall and per class, tag and guideline version, so
 * the SME sees which rule is ambiguous first. The whole queue at once: the app pages through a
 * {@link ReviewLedger} instead.
 */
export function buildReviewQueue(
  annotations: readonly AnnotationForAgreement[],
  severity: ReadonlyMap<number, number>,
  options: ReviewOptions = {},
): ReviewQueue {
  const page = ReviewLedger.of(annotations, severity, options).page({ filters: NO_REVIEW_FILTERS, sort: 'severity', after: null, limit: Infinity });
  return { items: page.items, shares: page.shares };
}
