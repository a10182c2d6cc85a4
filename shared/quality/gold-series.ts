import type { ScorePoint } from './drift';
import type { LabelerGoldAgreement } from './gold-agreement';

/**
 * A labeler's agreement with gold as a series in time order (ties by sample id): what a drift
 * detector reads, one point per check they answered.
 * @example goldScoreSeries(goldAgreement('bbox', golds, answers)[0]!) // [{ at, sampleId, score }, …] oldest first
 */
export function goldScoreSeries(agreement: Pick<LabelerGoldAgreement, 'perCheck'>): ScorePoint[] {
  return agreement.perCheck.map(({ at, sampleId, score }) => ({ at, sampleId, score })).sort((a, b) => a.at - b.at || a.sampleId - b.sampleId);
}
