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
 * What peer agreement is read from: every compared sample's peer record, in any order of samples.
 * A record holds the sample's `labelers` labeler ids, then when each of them last submitted the
 * sample (NaN: their answer was withdrawn since the pairs were scored), then its pairs of labelers
 * with their disagreement there (labeler A, labeler B, score, then the next pair). The agreement
 * ledger's entries hold them as they are (see `peerRecordOf`), so drift reads them with no object per sample.
 */
export interface PeerScoreSource {
  forEachSample(visit: (sampleId: number, labelers: number, record: ArrayLike<number>) => void): void;
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
  const growing = new Map<number, GrowingColumns>();
  // One sample's labelers with their summed disagreement and pairs: a handful, reused from sample to sample.
  const labelers: number[] = [];
  const sums: number[] = [];
  const counts: number[] = [];
  let present = 0;
  const add = (labelerId: number, score: number) => {
    let slot = 0;
    while (slot < present && labelers[slot] !== labelerId) slot++;
    if (slot === present) {
      labelers[present++] = labelerId;
      sums[slot] = 0;
      counts[slot] = 0;
    }
    sums[slot]! += score;
    counts[slot]!++;
  };
  source.forEachSample((sampleId, count, record) => {
    present = 0;
    for (let at = 2 * count; at < record.length; at += 3) {
      const labelerA = record[at]!;
      const labelerB = record[at + 1]!;
      if (leaveOut.size > 0 && (leaveOut.has(labelerA) || leaveOut.has(labelerB))) continue;
      // A's sum, then B's, pair after pair: the order the figures were always summed in.
      add(labelerA, record[at + 2]!);
      add(labelerB, record[at + 2]!);
    }
    for (let slot = 0; slot < present; slot++) {
      const labelerId = labelers[slot]!;
      if (only !== undefined && labelerId !== only) continue;
      let index = 0;
      while (index < count && record[index] !== labelerId) index++;
      const at = index < count ? record[count + index]! : NaN;
      if (Number.isNaN(at)) continue; // an answer withdrawn since the figures were computed
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

/** A labeler's points as they are found, in no order. */
interface GrowingColumns {
  at: number[];
  sampleId: number[];
  score: number[];
}

/**
 * The points sorted by time, ties by sample id. Sorting a number per point is several times
 * faster than sorting indexes with a comparison (~25 against ~110 ms for 100,000 points here,
 * where drift sorts every labeler's series on each change): each point's whole time in
 * milliseconds (from the earliest) times the number of points, plus its index, is exact while it
 * stays within 2^53 (a labeler's 280,000 points over a year, three million over a month), and
 * sorts as its time then its index.
 * Points of the same time, rare, are then put in sample order. Otherwise (times not whole, a
 * range too wide) the indexes are sorted with a comparison.
 */
function inTimeOrder(points: GrowingColumns): ScoreColumns {
  const { at, sampleId, score } = points;
  const order = sortedByTime(at) ?? Uint32Array.from(at.keys()).sort((x, y) => at[x]! - at[y]!);
  // Same-time runs by sample id.
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    while (end < order.length && at[order[end]!] === at[order[start]!]) end++;
    if (end - start > 1) order.subarray(start, end).sort((x, y) => sampleId[x]! - sampleId[y]!);
    start = end;
  }
  const columns = { at: new Float64Array(order.length), sampleId: new Float64Array(order.length), score: new Float64Array(order.length) };
  for (let k = 0; k < order.length; k++) {
    const index = order[k]!;
    columns.at[k] = at[index]!;
    columns.sampleId[k] = sampleId[index]!;
    columns.score[k] = score[index]!;
  }
  return columns;
}

/** The indexes of `at` in time order (ties in any order) through one numeric sort, or null when the keys would not be exact (see `inTimeOrder`). */
function sortedByTime(at: readonly number[]): Uint32Array | null {
  const count = at.length;
  let earliest = Infinity;
  let latest = -Infinity;
  for (const time of at) {
    if (!Number.isInteger(time)) return null;
    if (time < earliest) earliest = time;
    if (time > latest) latest = time;
  }
  if ((latest - earliest + 1) * count > Number.MAX_SAFE_INTEGER) return null;
  const keys = new Float64Array(count);
  for (let index = 0; index < count; index++) keys[index] = (at[index]! - earliest) * count + index;
  keys.sort();
  const order = new Uint32Array(count);
  for (let k = 0; k < count; k++) order[k] = keys[k]! % count;
  return order;
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
      for (const { sampleId, pairScores } of perSample) {
        const labelers = [...new Set(pairScores.flatMap(({ labelerA, labelerB }) => [labelerA, labelerB]))];
        const times = labelers.map((labelerId) => latest.get(labelerId)?.get(sampleId) ?? NaN);
        const pairs = pairScores.flatMap(({ labelerA, labelerB, score }) => [labelerA, labelerB, score]);
        visit(sampleId, labelers.length, [...labelers, ...times, ...pairs]);
      }
    },
  };
}
