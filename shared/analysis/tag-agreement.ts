import { bySample, currentAnswers } from '../agreement/current-answers';
import type { AnnotationForAgreement } from '../agreement/types';

/**
 * Human-level performance on a clip tag, in the classifier's own terms: of every two labelers who
 * answered the same sample, how often both gave the tag or both did not. Overall (`all`) and per
 * slice tag, pooled over pairs; `null` for a slice without two labelers on any sample.
 * @example tagPairAgreement(answers, 'car noise').get('all') // 0.9: nine pairs in ten agree
 */
export function tagPairAgreement(annotations: readonly AnnotationForAgreement[], tag: string): Map<string, number | null> {
  const pairs = new Map<string, { agreeing: number; total: number }>();
  const count = (slice: string, agreeing: number, total: number) => {
    const sum = pairs.get(slice) ?? { agreeing: 0, total: 0 };
    pairs.set(slice, { agreeing: sum.agreeing + agreeing, total: sum.total + total });
  };
  for (const answers of bySample(annotations).values()) {
    const current = currentAnswers(answers);
    const given = current.filter((answer) => answer.payload.tags.includes(tag)).length;
    const notGiven = current.length - given;
    const total = (current.length * (current.length - 1)) / 2;
    if (total === 0) continue;
    const agreeing = (given * (given - 1)) / 2 + (notGiven * (notGiven - 1)) / 2;
    for (const slice of new Set(['all', ...current[0]!.sampleTags])) count(slice, agreeing, total);
  }
  return new Map([...pairs].map(([slice, { agreeing, total }]) => [slice, total === 0 ? null : agreeing / total]));
}
