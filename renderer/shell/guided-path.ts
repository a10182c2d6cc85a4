import type { AgreementDashboard } from '../../shared/agreement';
import type { Queue } from '../../shared/domain/annotation';
import type { ReviewQueueView } from '../../shared/domain/gold';
import type { AreaId } from './areas';

/** One step of the demo's guided path: done or not from the project's state, never from clicks. */
export interface GuidedStep {
  id: 'label' | 'agreement' | 'review' | 'revise' | 'relabel' | 'versions';
  title: string;
  /** Where to do it. */
  area: AreaId;
  done: boolean;
}

/** What the steps are read from; `undefined` while a figure is still loading (its step reads not done). */
export interface GuidedState {
  /** The signed-in person's own queue. */
  myQueue: Queue | undefined;
  myId: number;
  agreement: AgreementDashboard | undefined;
  review: ReviewQueueView | undefined;
  guidelineVersion: number;
}

/**
 * The loop that shows what Concord is for: label a sample, see agreement, review the worst
 * disagreement, revise the guideline, relabel, and read agreement per version.
 * @example guidedSteps({ myQueue, myId: 5, agreement, review, guidelineVersion: 1 })[0] // { id: 'label', done: true, … }
 */
export function guidedSteps({ myQueue, myId, agreement, review, guidelineVersion }: GuidedState): GuidedStep[] {
  const revised = (agreement?.perGuidelineVersion ?? []).some((v) => v.key > 1);
  return [
    { id: 'label', title: 'Label a sample', area: 'label', done: (myQueue?.counts.submitted ?? 0) > 0 },
    {
      id: 'agreement',
      title: 'See how your labels agree with the others',
      area: 'agreement',
      done: (agreement?.perLabeler ?? []).some((l) => l.labelerId === myId),
    },
    {
      id: 'review',
      title: 'Review the worst disagreement',
      area: 'review',
      done: (review?.items ?? []).some((item) => item.decision !== null && item.decision.choice !== 'auto_consensus'),
    },
    { id: 'revise', title: 'Revise the guideline', area: 'guidelines', done: guidelineVersion > 1 },
    { id: 'relabel', title: 'Relabel under the new version (two labelers)', area: 'label', done: revised },
    {
      id: 'versions',
      title: 'Compare agreement per version',
      area: 'agreement',
      done: (agreement?.versionComparisons ?? []).some((c) => c.samples > 0),
    },
  ];
}
