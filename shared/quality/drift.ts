import { weekLabel, weekOf } from '../agreement/sample-entry';
import { lowestFirst, scoreColumnsOf, unpackReport, type DriftColumns, type PackedDriftFlag, type PackedDriftReport, type ScoreColumns } from './packed-drift';

/**
 * One sample in a labeler's history: how well their answer agreed with a reference (their
 * peers' answers now, an SME's gold label later), in [0, 1], higher = closer.
 */
export interface ScorePoint {
  /** When the labeler submitted the answer, in milliseconds since the epoch. */
  at: number;
  sampleId: number;
  score: number;
}

export interface DriftOptions {
  /** The labeler's first samples that set their own band; no band and no flag before that many. Default 60. */
  baseline?: number;
  /** EWMA weight of each new sample, in (0, 1]. Default 0.1: the curve remembers about the last 20 samples. */
  lambda?: number;
  /** Width of the band in standard deviations of the EWMA. Default 3.5. */
  width?: number;
  /** Least standard deviation of one sample's score, so a labeler who always agreed perfectly still gets a band. Default 0.02. */
  minSigma?: number;
  /** Scores enter the EWMA clipped to the baseline mean ± this many standard deviations. Default 2. */
  clip?: number;
  /** Samples per point of the by-count series. Default 25. */
  block?: number;
}

/** A labeler's own band: the centre line and the lower limit of the EWMA. */
export interface DriftBand {
  /** Mean score over the baseline samples. */
  mean: number;
  /** Standard deviation of one sample's score over the baseline (at least `minSigma`). */
  sigma: number;
  /** The EWMA below this is out of the labeler's own range. */
  lower: number;
  /** The band's symmetric upper edge, for drawing; rising agreement is never flagged. */
  upper: number;
  /** Scores are clipped to [clipLow, clipHigh] (the baseline's mean ± `clip` σ) before they enter the EWMA. */
  clipLow: number;
  clipHigh: number;
  baselineSamples: number;
}

export interface DriftPoint extends ScorePoint {
  /** Exponentially weighted moving average of the scores up to this one. */
  ewma: number;
}

/** A labeler whose recent agreement fell below their band and has not come back to their own mean. */
export interface DriftFlag {
  /** Index (in `points`) of the sample at which the EWMA crossed the lower limit. */
  alarmIndex: number;
  /** Index of the sample where the fall began (a CUSUM estimate, see `flagOf`). */
  startIndex: number;
  /** Mean score of the samples since `startIndex`. */
  recentMean: number;
  /** The samples from `startIndex` on, lowest score first: the answers to look at. */
  samples: ScorePoint[];
}

export interface DriftReport {
  /** By submission time (ties by sample id). */
  points: DriftPoint[];
  /** `null` until the labeler has `baseline` samples. */
  band: DriftBand | null;
  /** Mean score per UTC week (its Monday, `YYYY-MM-DD`), by week. */
  byWeek: { week: string; samples: number; mean: number }[];
  /** Mean score per block of `block` samples in submission order; the last block may be shorter. */
  byCount: { from: number; samples: number; mean: number }[];
  flag: DriftFlag | null;
}

/**
 * A labeler's agreement over time with a control band from their own history, and a flag when
 * recent agreement falls below it.
 *
 * Method: an EWMA control chart (Roberts 1959) with limits from a baseline window. The first
 * `baseline` samples give the labeler's own mean μ and standard deviation σ of a single score;
 * the EWMA zᵢ = λ·xᵢ + (1 − λ)·zᵢ₋₁ (started at μ) is flagged when it falls below
 * μ − L·σ·√(λ / (2 − λ) + 1/n): its steady-state lower limit, widened by the error of μ estimated
 * from n baseline samples. Why this chart: per-sample agreement is noisy and skewed (one missed
 * box halves a score), so a rule on single samples (Shewhart) would either cry wolf or miss a
 * slow slide; the EWMA pools the last ~2/λ samples and reacts to a small, lasting shift within
 * tens of samples, which is what loosening boxes or a misread rule looks like. Scores enter it
 * clipped to μ ± 2σ of the baseline (a robust EWMA): without that, the long lower tail of box
 * scores set off most of the false alarms. CUSUM would detect a step as well, but the EWMA is
 * itself a curve of agreement that can be drawn inside its band. The band comes from the
 * labeler's own history, not the team's, because people have different steady levels (being
 * below the team but steady is what the per-labeler table shows). Only a fall is flagged.
 *
 * Measured on simulated box labeling (three labelers, 300 samples each, peer agreement from the
 * project's agreement ledger; `test/shared/quality/drift.test.ts`): a steady labeler is flagged
 * in 2 of 200 histories (1%), and one whose boxes become 6% looser per side from sample 200 is
 * flagged within about ten samples; 3% looser is caught in a median of about 20.
 * @example
 * const report = detectDrift(scores);
 * if (report.flag) console.log(`since sample ${report.flag.startIndex}: ${report.flag.samples.length} answers to review`);
 */
export function detectDrift(series: readonly ScorePoint[], options: DriftOptions = {}): DriftReport {
  const sorted = [...series].sort(byTime);
  return unpackReport(detectDriftIn(scoreColumnsOf(sorted), options));
}

/** The order of a labeler's series: by time, ties by sample id. */
export function byTime(x: ScorePoint, y: ScorePoint): number {
  return x.at - y.at || x.sampleId - y.sampleId;
}

/**
 * {@link detectDrift} of a series already in time order (ties by sample id), as columns: the
 * same figures, number for number, with no object per point.
 * @example
 * detectDriftIn(scoreColumnsOf(sortedScores)).flag?.recentMean
 */
export function detectDriftIn(series: ScoreColumns, options: DriftOptions = {}): PackedDriftReport {
  const baseline = options.baseline ?? 60;
  const lambda = options.lambda ?? 0.1;
  const width = options.width ?? 3.5;
  const block = options.block ?? 25;
  const clip = options.clip ?? 2;
  const { score } = series;

  const band = score.length >= baseline && baseline > 0 ? bandOf(score.subarray(0, baseline), lambda, width, options.minSigma ?? 0.02, clip) : null;
  // Clipped at the baseline's own range: one sample where a box was missed moves the curve by a bounded step.
  const clipped = band ? (value: number) => Math.min(band.clipHigh, Math.max(band.clipLow, value)) : (value: number) => value;
  const ewmas = new Float64Array(score.length);
  let ewma = band?.mean ?? score[0] ?? 0;
  for (let index = 0; index < score.length; index++) {
    ewma = lambda * clipped(score[index]!) + (1 - lambda) * ewma;
    ewmas[index] = ewma;
  }
  const points = { ...series, ewma: ewmas };
  return { points, band, byWeek: byWeek(series), byCount: byCount(score, block), flag: band ? flagOf(points, band, baseline, clipped) : null };
}

function bandOf(baseline: Float64Array, lambda: number, width: number, minSigma: number, clip: number): DriftBand {
  const raw = meanAndSigma(baseline, minSigma);
  const clipLow = raw.mean - clip * raw.sigma;
  const clipHigh = raw.mean + clip * raw.sigma;
  const { mean, sigma } = meanAndSigma(
    baseline.map((score) => Math.min(clipHigh, Math.max(clipLow, score))),
    minSigma,
  );
  // The mean is itself estimated from the baseline: its error adds σ²/n to the EWMA's variance.
  const halfWidth = width * sigma * Math.sqrt(lambda / (2 - lambda) + 1 / baseline.length);
  return { mean, sigma, lower: mean - halfWidth, upper: mean + halfWidth, clipLow, clipHigh, baselineSamples: baseline.length };
}

function meanAndSigma(values: Float64Array, minSigma: number): { mean: number; sigma: number } {
  const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
  const variance = values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, values.length - 1);
  return { mean, sigma: Math.max(minSigma, Math.sqrt(variance)) };
}

/**
 * The alarm still standing at the end of the series: the EWMA crossed the lower limit and has not
 * been back to the mean since. Where the fall began is estimated as a lower CUSUM would (Page
 * 1954): the last sample before the alarm after which the clipped scores, less μ − σ/2, summed
 * below zero for good; the EWMA itself lingers just under the mean too often to date it.
 */
function flagOf(points: DriftColumns, band: DriftBand, baseline: number, clipped: (score: number) => number): PackedDriftFlag | null {
  const { ewma: ewmas, score: scores } = points;
  let alarmIndex: number | null = null;
  let cusum = 0;
  let startIndex = baseline;
  let alarmStart = baseline;
  for (let i = baseline; i < scores.length; i++) {
    const ewma = ewmas[i]!;
    cusum = Math.max(0, cusum + band.mean - band.sigma / 2 - clipped(scores[i]!));
    if (cusum === 0) startIndex = i + 1;
    if (ewma >= band.mean) alarmIndex = null;
    else if (alarmIndex === null && ewma < band.lower) {
      alarmIndex = i;
      alarmStart = Math.min(startIndex, i);
    }
  }
  if (alarmIndex === null) return null;
  const recentMean = scores.subarray(alarmStart).reduce((sum, score) => sum + score, 0) / (scores.length - alarmStart);
  return { alarmIndex, startIndex: alarmStart, recentMean, lowestFirst: lowestFirst(points, alarmStart) };
}

function byWeek({ at, score }: ScoreColumns): DriftReport['byWeek'] {
  const weeks = new Map<number, { samples: number; sum: number }>();
  for (let index = 0; index < at.length; index++) {
    const week = weekOf(at[index]!);
    const group = weeks.get(week) ?? { samples: 0, sum: 0 };
    group.samples++;
    group.sum += score[index]!;
    weeks.set(week, group);
  }
  return [...weeks].sort(([x], [y]) => x - y).map(([week, { samples, sum }]) => ({ week: weekLabel(week), samples, mean: sum / samples }));
}

function byCount(scores: Float64Array, block: number): DriftReport['byCount'] {
  const blocks: DriftReport['byCount'] = [];
  for (let from = 0; from < scores.length; from += block) {
    const members = scores.subarray(from, from + block);
    blocks.push({ from, samples: members.length, mean: members.reduce((sum, score) => sum + score, 0) / members.length });
  }
  return blocks;
}
