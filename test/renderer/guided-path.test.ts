import { describe, expect, it } from 'vitest';
import { AgreementLedger, type AgreementDashboard, type AnnotationForAgreement } from '../../shared/agreement';
import type { Queue } from '../../shared/domain/annotation';
import type { ReviewQueueView } from '../../shared/domain/gold';
import { guidedSteps } from '../../renderer/shell/guided-path';
import { at, A, boxes } from '../shared/agreement/fixtures';

const ME = 9;
const queue = (submitted: number): Queue => ({ labelerId: ME, items: [], counts: { todo: 0, draft: 0, submitted } });
const review = (choices: Array<'labeler' | 'auto_consensus' | null>): ReviewQueueView =>
  ({ items: choices.map((choice) => ({ decision: choice === null ? null : { revision: 1, choice } })) }) as unknown as ReviewQueueView;
/** What the dashboard answers for these annotations. */
const dashboardOf = (annotations: AnnotationForAgreement[]): AgreementDashboard => AgreementLedger.of('bbox', annotations).dashboard();
const done = (state: Parameters<typeof guidedSteps>[0]) =>
  guidedSteps(state)
    .filter((step) => step.done)
    .map((step) => step.id);

describe('the guided path of a demo', () => {
  const v1 = { guidelineVersion: 1, submittedAt: 1 };
  const v2 = { guidelineVersion: 2, submittedAt: 2 };
  const others = dashboardOf([boxes(1, 1, [at(A)], v1), boxes(1, 2, [], v1)]);

  it('has nothing done in a fresh demo, and nothing while its figures load', () => {
    expect(done({ myQueue: queue(0), myId: ME, agreement: others, review: review([null]), guidelineVersion: 1 })).toEqual([]);
    expect(done({ myQueue: undefined, myId: ME, agreement: undefined, review: undefined, guidelineVersion: 1 })).toEqual([]);
  });

  it('ticks each step from the project: a submission, my labels compared, a decision by a person, a new version, relabels under it', () => {
    const mine = dashboardOf([boxes(1, 1, [at(A)], v1), boxes(1, ME, [at(A)], v1)]);
    expect(done({ myQueue: queue(1), myId: ME, agreement: mine, review: review([null]), guidelineVersion: 1 })).toEqual(['label', 'agreement']);
    // An automatic acceptance is not a review by anyone.
    expect(done({ myQueue: queue(1), myId: ME, agreement: mine, review: review(['auto_consensus']), guidelineVersion: 1 })).toEqual(['label', 'agreement']);
    expect(done({ myQueue: queue(1), myId: ME, agreement: mine, review: review(['labeler']), guidelineVersion: 2 })).toEqual([
      'label',
      'agreement',
      'review',
      'revise',
    ]);
    const relabeled = dashboardOf([boxes(1, 1, [at(A)], v1), boxes(1, ME, [], v1), boxes(1, 1, [at(A)], v2), boxes(1, ME, [at(A)], v2)]);
    expect(done({ myQueue: queue(1), myId: ME, agreement: relabeled, review: review(['labeler']), guidelineVersion: 2 })).toEqual([
      'label',
      'agreement',
      'review',
      'revise',
      'relabel',
      'versions',
    ]);
  });

  it('links each step to the area where it is done', () => {
    expect(guidedSteps({ myQueue: undefined, myId: ME, agreement: undefined, review: undefined, guidelineVersion: 1 }).map((s) => s.area)).toEqual([
      'label',
      'agreement',
      'review',
      'guidelines',
      'label',
      'agreement',
    ]);
  });
});
