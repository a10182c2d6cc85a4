import { buildReviewQueue, type ReviewOptions, type ReviewQueue } from '../../shared/disagreement/review-queue';
import type { AnnotationForAgreement } from '../../shared/agreement';
import { answerOnce } from './run-once';

export interface ReviewJob {
  annotations: AnnotationForAgreement[];
  severity: Map<number, number>;
  options: ReviewOptions;
}

/** Classifying every disagreement of a large project takes as long as agreement: off the main thread. */
answerOnce<ReviewJob, ReviewQueue>(({ annotations, severity, options }) => buildReviewQueue(annotations, severity, options));
