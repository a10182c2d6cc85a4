import type { DriftBand, DriftReport, ScorePoint } from './drift';
import type { LabelerQualityDrift, PackedLabelerQualityDrift } from './gold-drift';
import { isAfter, packReport, scoreColumnsOf, scorePointAt, type DriftColumns, type PackedDriftReport, type ScoreColumns } from './packed-drift';

/**
 * Points a curve holds at most (plus its last): a chart a few hundred pixels wide draws no more,
 * and with them the answer stays a few kilobytes per labeler at any project size (a report holds
 * a point per sample: 100,000 per labeler at 100,000 images).
 */
export const CURVE_POINTS = 240;
/** Samples behind a flag that the answer names, lowest agreement first; the rest are counted. */
export const FLAG_SAMPLES_NAMED = 12;

/**
 * One drawn point of a curve: the EWMA at one of the labeler's samples, standing for the samples
 * since the curve's previous point (this one included).
 */
export interface CurvePoint {
  /** The point's place on the labeler's x axis (see {@link chartDrift}), from 1. */
  sample: number;
  /** The sample the point is at. */
  sampleId: number;
  /** The curve's value there: the EWMA of the scores up to this sample. */
  ewma: number;
  /** How many samples (or checks) since the previous point, this one included: 1 where nothing was thinned. */
  samples: number;
  /** Their mean score. */
  mean: number;
}

/** A flag as the panel shows it: where the fall began, and the answers behind it by name (the lowest few) and by count. */
export interface ChartedFlag {
  /** Index, in the labeler's series, of the sample at which the EWMA crossed the lower limit. */
  alarmIndex: number;
  /** Index, in the labeler's series, of the sample where the fall began. */
  startIndex: number;
  /** That sample's place on the x axis. */
  startSample: number;
  /** Mean score of the samples since `startIndex`. */
  recentMean: number;
  /** How many samples since `startIndex`. */
  behind: number;
  /** The lowest scored of them, lowest first: at most {@link FLAG_SAMPLES_NAMED}. */
  lowest: ScorePoint[];
}

/** One curve of a labeler's chart (agreement with peers, or with gold) with its band, weeks and flag. */
export interface ChartedDrift {
  /** Samples (or checks) in the labeler's series: what the curve's points stand for. */
  points: number;
  band: DriftBand | null;
  /** Mean score per UTC week (its Monday, `YYYY-MM-DD`), by week. */
  byWeek: DriftReport['byWeek'];
  /** The EWMA, thinned evenly to at most {@link CURVE_POINTS} points plus the last. */
  curve: CurvePoint[];
  flag: ChartedFlag | null;
}

/** What `quality.drift` answers per labeler: their curves against peers and gold on one x axis. */
export interface LabelerDriftChart {
  labelerId: number;
  /** Flagged labelers whose answers explain this labeler's fall (see `teamDrift`). */
  explainedBy: number[];
  /** Length of the x axis: the samples either curve reads, each counted once. */
  samples: number;
  /** Agreement with peers, one point per shared sample. */
  report: ChartedDrift;
  /** Agreement with gold, one point per check answered; null when they answered none. */
  gold: ChartedDrift | null;
}

/**
 * The drift panel's charts from the labelers' full reports, in their order: each curve's EWMA
 * thinned evenly to at most {@link CURVE_POINTS} points (its first and last kept; each point
 * counts and averages the samples since the one before), the flags' samples cut to the lowest
 * {@link FLAG_SAMPLES_NAMED} and counted, and every point placed on the labeler's x axis: its
 * sample's rank, in time order, among every sample either curve reads. So a check answered
 * between their 40th and 41st shared sample sits between those points. A series of at most
 * `CURVE_POINTS` points is drawn whole.
 * @example
 * chartDrift(withGoldDrift(teamDrift(perSample, submissions), goldSeries))[0]?.report.curve // ≤ 241 points
 */
export function chartDrift(labelers: readonly LabelerQualityDrift[]): LabelerDriftChart[] {
  return chartPackedDrift(labelers.map((labeler) => ({ ...labeler, report: packReport(labeler.report), gold: labeler.gold && packReport(labeler.gold) })));
}

/** {@link chartDrift} of packed reports (see `teamDriftOf`): the same charts, read from the columns. */
export function chartPackedDrift(labelers: readonly PackedLabelerQualityDrift[]): LabelerDriftChart[] {
  return labelers.map(({ labelerId, explainedBy, report, gold }) => {
    const axis = placesOnAxis(report.points, gold?.points ?? scoreColumnsOf([]));
    return {
      labelerId,
      explainedBy,
      samples: axis.samples,
      report: charted(report, axis.peer),
      gold: gold && charted(gold, axis.gold),
    };
  });
}

/**
 * Each point's place on the shared x axis, by series: both series are in time order (ties by
 * sample id), so one merge places them; a sample in both keeps its first place.
 */
function placesOnAxis(peer: ScoreColumns, gold: ScoreColumns): { peer: Int32Array; gold: Int32Array; samples: number } {
  const [peerLength, goldLength] = [peer.at.length, gold.at.length];
  const places = { peer: new Int32Array(peerLength), gold: new Int32Array(goldLength), samples: 0 };
  // Only a gold check can meet a sample already placed: a peer series holds each sample once.
  const goldIds = new Set(gold.sampleId);
  const placed = new Map<number, number>();
  const placeOf = (sampleId: number) => {
    if (!goldIds.has(sampleId)) return ++places.samples;
    let place = placed.get(sampleId);
    if (place === undefined) placed.set(sampleId, (place = ++places.samples));
    return place;
  };
  let p = 0;
  let g = 0;
  while (p < peerLength || g < goldLength) {
    const fromPeer = g === goldLength || (p < peerLength && !isAfter(peer, p, gold, g));
    if (fromPeer) places.peer[p] = placeOf(peer.sampleId[p++]!);
    else places.gold[g] = placeOf(gold.sampleId[g++]!);
  }
  return places;
}

function charted(report: PackedDriftReport, places: Int32Array): ChartedDrift {
  const { points, band, byWeek, flag } = report;
  return {
    points: points.at.length,
    band,
    byWeek,
    curve: thinned(points, places),
    flag: flag && {
      alarmIndex: flag.alarmIndex,
      startIndex: flag.startIndex,
      startSample: places[flag.startIndex]!,
      recentMean: flag.recentMean,
      behind: flag.lowestFirst.length,
      lowest: Array.from(flag.lowestFirst.subarray(0, FLAG_SAMPLES_NAMED), (index) => scorePointAt(points, index)),
    },
  };
}

/** Every `step`-th point and the last, each with the count and mean score of the samples since the point before. */
function thinned(points: DriftColumns, places: Int32Array): CurvePoint[] {
  const { score, sampleId, ewma } = points;
  const step = Math.max(1, Math.ceil(score.length / CURVE_POINTS));
  const curve: CurvePoint[] = [];
  let sum = 0;
  let samples = 0;
  for (let index = 0; index < score.length; index++) {
    sum += score[index]!;
    samples++;
    if (index % step !== 0 && index !== score.length - 1) continue;
    curve.push({ sample: places[index]!, sampleId: sampleId[index]!, ewma: ewma[index]!, samples, mean: sum / samples });
    sum = 0;
    samples = 0;
  }
  return curve;
}
