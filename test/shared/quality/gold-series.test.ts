import { describe, expect, it } from 'vitest';
import type { AnnotationForAgreement } from '../../../shared/agreement/types';
import { goldAgreement, goldPairs, GOLD_LABELER_ID, type GoldLabel } from '../../../shared/quality/gold-agreement';
import { goldScoreSeries } from '../../../shared/quality/gold-series';
import { boxOfWidth } from '../../support/box-payload';

const gold = (sampleId: number, versions: number[]): GoldLabel => ({ sampleId, decidedUnder: versions[0]!, rule: '#tight', versions, payload: boxOfWidth(10) });
const answer = (sampleId: number, labelerId: number, width: number, submittedAt: number, guidelineVersion = 1): AnnotationForAgreement => ({
  sampleId,
  labelerId,
  guidelineVersion,
  submittedAt,
  sampleTags: [],
  payload: boxOfWidth(width),
});

describe('answers against gold', () => {
  it("pairs each labeler's latest answer made under a version the check judges, gold as the reference", () => {
    const pairs = goldPairs([gold(1, [1]), gold(2, [1, 2])], [answer(1, 5, 10, 10), answer(1, 5, 5, 20, 2), answer(2, 5, 5, 5, 2), answer(3, 5, 10, 1)]);
    expect(pairs.map((p) => [p.sampleId, p.answer.submittedAt, p.gold.labelerId, p.gold.guidelineVersion])).toEqual([
      [1, 10, GOLD_LABELER_ID, 1], // the v2 answer is not judged by a v1-only decision
      [2, 5, GOLD_LABELER_ID, 2],
    ]);
  });

  it('gives a drift detector one point per answered check, oldest first', () => {
    const [ana] = goldAgreement('bbox', [gold(1, [1]), gold(2, [1]), gold(3, [1])], [answer(3, 7, 10, 100), answer(1, 7, 5, 300), answer(2, 7, 10, 200)]);
    expect(goldScoreSeries(ana!)).toEqual([
      { at: 100, sampleId: 3, score: 1 },
      { at: 200, sampleId: 2, score: 1 },
      { at: 300, sampleId: 1, score: 0.5 }, // matched at IoU 0.5: the sample's agreement is F1 · IoU = 0.5
    ]);
  });
});
