import type { SampleDisagreement } from '../agreement/types';
import type { ScorePoint } from './drift';
import { scorePointAt, type ScoreColumns } from './packed-drift';

/** When a labeler submitted their current answer to a sample. */
export interface Submission {
  sampleId: number;
  labelerId: number;
  submittedAt: number;
}

/**
 * What peer agreement is read from: every compared sample's pairs of labelers with their
 * disagreement there (labeler A, labeler B, score, then the next pair), in any order of samples,
 * and when each labeler last submitted each sample. The agreement ledger's entries and the kept
 * submission times give them with no object per sample.
 */
export interface PeerScoreSource {
  forEachSample(visit: (sampleId: number, pairs: ArrayLike<number>) => void): void;
  /** The labeler's latest submission of the sample; undefined when none stands. */
  submittedAt(labelerId: number, sampleId: number): number | undefined;
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
  const series = new Map<number, ScorePoint[]>();
  for (const [labelerId, columns] of peerScoreColumns(peerScoresOf(perSample, submissions), leaveOut)) {
    series.set(
      labelerId,
      Array.from(columns.at, (_, index) => scorePointAt(columns, index)),
    );
  }
  return series;
}

/**
 * {@link peerAgreementSeries} from any {@link PeerScoreSource}, each series as columns in time
 * order (ties by sample id): the same points, number for number. With `only`, that labeler's
 * series alone.
 * @example
 * peerScoreColumns(source, new Set([3]), 1).get(1)?.score // labeler 1's scores without their pairs with labeler 3
 */
export function peerScoreColumns(source: PeerScoreSource, leaveOut: ReadonlySet<number> = new Set(), only?: number): Map<number, ScoreColumns> {
  const growing = new Map<number, { at: number[]; sampleId: number[]; score: number[] }>();
  // One sample's labelers with their summed disagreement and pairs: a handful, reused from sample to sample.
  const labelers: number[] = [];
  const sums: number[] = [];
  const counts: number[] = [];
  const add = (labelerId: number, score: number) => {
    let slot = labelers.indexOf(labelerId);
    if (slot < 0) {
      slot = labelers.push(labelerId) - 1;
      sums[slot] = 0;
      counts[slot] = 0;
    }
    sums[slot]! += score;
    counts[slot]!++;
  };
  source.forEachSample((sampleId, pairs) => {
    labelers.length = 0;
    for (let at = 0; at < pairs.length; at += 3) {
      const labelerA = pairs[at]!;
      const labelerB = pairs[at + 1]!;
      if (leaveOut.has(labelerA) || leaveOut.has(labelerB)) continue;
      // A's sum, then B's, pair after pair: the order the figures were always summed in.
      add(labelerA, pairs[at + 2]!);
      add(labelerB, pairs[at + 2]!);
    }
    for (const [slot, labelerId] of labelers.entries()) {
      if (only !== undefined && labelerId !== only) continue;
      const at = source.submittedAt(labelerId, sampleId);
      if (at === undefined) continue; // an answer withdrawn since the figures were computed
      let points = growing.get(labelerId);
      if (!points) growing.set(labelerId, (points = { at: [], sampleId: [], score: [] }));
      points.at.push(at);
      points.sampleId.push(sampleId);
      points.score.push(1 - sums[slot]! / counts[slot]!);
    }
  });
  const series = new Map<number, ScoreColumns>();
  for (const [labelerId, points] of growing) series.set(labelerId, inTimeOrder(points));
  return series;
}

function inTimeOrder(points: { at: number[]; sampleId: number[]; score: number[] }): ScoreColumns {
  const { at, sampleId, score } = points;
  const order = Uint32Array.from(at.keys()).sort((x, y) => at[x]! - at[y]! || sampleId[x]! - sampleId[y]!);
  return {
    at: Float64Array.from(order, (index) => at[index]!),
    sampleId: Float64Array.from(order, (index) => sampleId[index]!),
    score: Float64Array.from(order, (index) => score[index]!),
  };
}

/**
 * Rows of the snapshot and a list of submissions as a {@link PeerScoreSource} (a labeler's latest
 * submission of a sample counting where they submitted again).
 */
export function peerScoresOf(perSample: readonly Pick<SampleDisagreement, 'sampleId' | 'pairScores'>[], submissions: readonly Submission[]): PeerScoreSource {
  // By labeler, then sample: a few maps of numbers, where text keys would be built per submission (300,000 at 100,000 images).
  const latest = new Map<number, Map<number, number>>();
  for (const { sampleId, labelerId, submittedAt: at } of submissions) {
    let ofLabeler = latest.get(labelerId);
    if (!ofLabeler) latest.set(labelerId, (ofLabeler = new Map()));
    ofLabeler.set(sampleId, Math.max(at, ofLabeler.get(sampleId) ?? -Infinity));
  }
  return {
    forEachSample(visit) {
      for (const { sampleId, pairScores } of perSample)
        visit(
          sampleId,
          pairScores.flatMap(({ labelerA, labelerB, score }) => [labelerA, labelerB, score]),
        );
    },
    submittedAt: (labelerId, sampleId) => latest.get(labelerId)?.get(sampleId),
  };
}
