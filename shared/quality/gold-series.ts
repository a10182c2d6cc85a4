import type { LabelerGoldAgreement } from './gold-agreement';

/** One point of a labeler's quality over time: how well one answer agreed, and when it was made. */
export interface ScorePoint {
  /** Milliseconds since the epoch. */
  at: number;
  sampleId: number;
  /** Agreement in [0, 1], higher is better. */
  score: number;
}

/**
 * A labeler's agreement with gold as a series in time order (ties by sample id): what a drift
 * detector reads, one point per check they answered.
 * @example goldScoreSeries(goldAgreement('bbox', golds, answers)[0]!) // [{ at, sampleId, score }, …] oldest first
 */
export function goldScoreSeries(agreement: Pick<LabelerGoldAgreement, 'perCheck'>): ScorePoint[] {
  return agreement.perCheck.map(({ at, sampleId, score }) => ({ at, sampleId, score })).sort((a, b) => a.at - b.at || a.sampleId - b.sampleId);
}
