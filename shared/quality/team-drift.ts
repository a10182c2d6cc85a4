import type { SampleDisagreement } from '../agreement/types';
import { detectDriftIn, type DriftOptions, type DriftReport } from './drift';
import { scoreColumnsOf, unpackLabeler, type PackedLabelerDrift } from './packed-drift';
import { peerScoreColumns, peerScoresOf, type PeerScoreSource, type Submission } from './peer-scores';

/** One labeler's agreement over time and whether it fell below their own band. */
export interface LabelerDrift {
  labelerId: number;
  /** Their agreement with every peer; `flag` is null when the fall is explained by others (see `explainedBy`). */
  report: DriftReport;
  /**
   * Flagged labelers whose answers explain this labeler's fall: without the pairs with them,
   * this labeler's agreement stays in their band. Empty when not flagged or flagged on their own.
   */
  explainedBy: number[];
}

/**
 * Every labeler's drift report, those flagged first (lowest recent agreement first), then by
 * labeler id: the order a dashboard shows them in.
 *
 * Peer agreement cannot say by itself who moved: when one labeler loosens their boxes, every
 * partner's agreement with them falls too (by about half as much with three labelers per
 * sample). So candidates are confirmed worst first, and each later candidate is checked again
 * without their pairs with the labelers already confirmed; one whose fall disappears is not
 * flagged, and `explainedBy` names whom it came from.
 * @example
 * teamDrift(agreement.perSample, submissions)[0]?.report.flag // the labeler to look at first, if any
 */
export function teamDrift(
  perSample: readonly Pick<SampleDisagreement, 'sampleId' | 'pairScores'>[],
  submissions: readonly Submission[],
  options: DriftOptions = {},
): LabelerDrift[] {
  return teamDriftOf(peerScoresOf(perSample, submissions), options).map(unpackLabeler);
}

/**
 * {@link teamDrift} from any {@link PeerScoreSource} (the agreement ledger's entries and the kept
 * submission times), each report packed: the same reports, number for number, with no object
 * per point.
 * @example
 * teamDriftOf(peerScoresOf(perSample, submissions))[0]?.report.flag?.lowestFirst
 */
export function teamDriftOf(source: PeerScoreSource, options: DriftOptions = {}): PackedLabelerDrift[] {
  const reports = [...peerScoreColumns(source)].map(([labelerId, points]) => ({
    labelerId,
    report: detectDriftIn(points, options),
    explainedBy: [] as number[],
  }));
  const candidates = reports.filter((entry) => entry.report.flag).sort(byFlag);
  const confirmed = new Set<number>();
  for (const candidate of candidates) {
    if (confirmed.size > 0) {
      const without = peerScoreColumns(source, confirmed, candidate.labelerId).get(candidate.labelerId);
      const alone = detectDriftIn(without ?? scoreColumnsOf([]), options);
      if (!alone.flag) {
        candidate.explainedBy = [...confirmed];
        candidate.report = { ...candidate.report, flag: null };
        continue;
      }
    }
    confirmed.add(candidate.labelerId);
  }
  return reports.sort(byFlag);
}

function byFlag(x: PackedLabelerDrift, y: PackedLabelerDrift): number {
  const flagX = x.report.flag;
  const flagY = y.report.flag;
  if (flagX && flagY) return flagX.recentMean - flagY.recentMean || x.labelerId - y.labelerId;
  if (flagX || flagY) return flagX ? -1 : 1;
  return x.labelerId - y.labelerId;
}
