import type { SampleDisagreement } from '../agreement/types';
import type { ScorePoint } from './drift';

/** When a labeler submitted their current answer to a sample. */
export interface Submission {
  sampleId: number;
  labelerId: number;
  submittedAt: number;
}

/**
 * Each labeler's agreement with their peers, one point per sample they share with someone:
 * 1 − the mean disagreement of their pairs on that sample (`pairScores`, the same score the
 * review queue sorts by: for boxes 1 − F1 × mean IoU, so looser boxes lower it), dated by their
 * own submission (the latest, when they submitted again). By labeler id; each series by time.
 * Pairs with a labeler in `leaveOut` are not counted (for the others: see `teamDrift`).
 * @example
 * const series = peerAgreementSeries(agreement.perSample, submissions);
 * detectDrift(series.get(labelerId) ?? []);
 */
export function peerAgreementSeries(
  perSample: readonly Pick<SampleDisagreement, 'sampleId' | 'pairScores'>[],
  submissions: readonly Submission[],
  leaveOut: ReadonlySet<number> = new Set(),
): Map<number, ScorePoint[]> {
  // By labeler, then sample: a few maps of numbers, where text keys would be built per submission (300,000 at 100,000 images).
  const submittedAt = new Map<number, Map<number, number>>();
  for (const { sampleId, labelerId, submittedAt: at } of submissions) {
    let ofLabeler = submittedAt.get(labelerId);
    if (!ofLabeler) submittedAt.set(labelerId, (ofLabeler = new Map()));
    ofLabeler.set(sampleId, Math.max(at, ofLabeler.get(sampleId) ?? -Infinity));
  }
  const series = new Map<number, ScorePoint[]>();
  for (const { sampleId, pairScores } of perSample) {
    const disagreement = new Map<number, { sum: number; pairs: number }>();
    for (const { labelerA, labelerB, score } of pairScores) {
      if (leaveOut.has(labelerA) || leaveOut.has(labelerB)) continue;
      for (const labelerId of [labelerA, labelerB]) {
        const total = disagreement.get(labelerId) ?? { sum: 0, pairs: 0 };
        total.sum += score;
        total.pairs++;
        disagreement.set(labelerId, total);
      }
    }
    for (const [labelerId, { sum, pairs }] of disagreement) {
      const at = submittedAt.get(labelerId)?.get(sampleId);
      if (at === undefined) continue; // an answer withdrawn since the figures were computed
      let points = series.get(labelerId);
      if (!points) series.set(labelerId, (points = []));
      points.push({ at, sampleId, score: 1 - sum / pairs });
    }
  }
  for (const points of series.values()) points.sort((x, y) => x.at - y.at || x.sampleId - y.sampleId);
  return series;
}
