import type { DriftFlag, DriftPoint, DriftReport, ScorePoint } from './drift';
import type { LabelerDrift } from './team-drift';

/**
 * A labeler's scored samples as columns, in time order (ties by sample id). At 100,000 images × 3
 * a team's histories hold 300,000 points: as objects they take the agreement worker a few hundred
 * megabytes while drift is computed, copied to the main thread and charted; as columns, 24 bytes
 * each, and they cross between threads at once.
 */
export interface ScoreColumns {
  at: Float64Array;
  sampleId: Float64Array;
  score: Float64Array;
}

/** {@link ScoreColumns} with the EWMA at each point (see `detectDrift`). */
export interface DriftColumns extends ScoreColumns {
  ewma: Float64Array;
}

/** A {@link DriftFlag} whose samples are named by their index in the report's points. */
export interface PackedDriftFlag extends Omit<DriftFlag, 'samples'> {
  /** The indices of the points from `startIndex` on, lowest score first (ties by sample id). */
  lowestFirst: Uint32Array;
}

/** A {@link DriftReport} with its points as columns; {@link unpackReport} gives the report. */
export interface PackedDriftReport extends Omit<DriftReport, 'points' | 'flag'> {
  points: DriftColumns;
  flag: PackedDriftFlag | null;
}

/** A labeler's drift (see `teamDrift`) with the report packed. */
export interface PackedLabelerDrift {
  labelerId: number;
  report: PackedDriftReport;
  /** Flagged labelers whose answers explain this labeler's fall (see `teamDrift`). */
  explainedBy: number[];
}

/**
 * Points as columns, in the order given.
 * @example
 * scoreColumnsOf([{ at: 5, sampleId: 2, score: 0.9 }]).score // Float64Array [0.9]
 */
export function scoreColumnsOf(points: readonly ScorePoint[]): ScoreColumns {
  const columns = { at: new Float64Array(points.length), sampleId: new Float64Array(points.length), score: new Float64Array(points.length) };
  for (const [index, { at, sampleId, score }] of points.entries()) {
    columns.at[index] = at;
    columns.sampleId[index] = sampleId;
    columns.score[index] = score;
  }
  return columns;
}

/** Whether point `x` of `columns` comes after point `y` of `others`: later, or at the same time of a higher sample id. */
export function isAfter(columns: ScoreColumns, x: number, others: ScoreColumns, y: number): boolean {
  return columns.at[x]! > others.at[y]! || (columns.at[x] === others.at[y] && columns.sampleId[x]! > others.sampleId[y]!);
}

/** Point `index` of `columns` as an object. */
export function scorePointAt(columns: ScoreColumns, index: number): ScorePoint {
  return { at: columns.at[index]!, sampleId: columns.sampleId[index]!, score: columns.score[index]! };
}

/** A report packed: its points as columns, its flag's samples by index; {@link unpackReport} gives it back. */
export function packReport(report: DriftReport): PackedDriftReport {
  const { points, flag } = report;
  const columns = { ...scoreColumnsOf(points), ewma: Float64Array.from(points, (point) => point.ewma) };
  return {
    ...report,
    points: columns,
    flag: flag && {
      alarmIndex: flag.alarmIndex,
      startIndex: flag.startIndex,
      recentMean: flag.recentMean,
      // A flag's samples are its points from `startIndex` on, in this order (see `detectDrift`).
      lowestFirst: lowestFirst(columns, flag.startIndex),
    },
  };
}

/**
 * The indices of the points from `from` on, lowest score first, ties by sample id, then by time
 * (the sort is stable): the order a flag names its samples in.
 */
export function lowestFirst({ score, sampleId }: ScoreColumns, from: number): Uint32Array {
  const behind = Uint32Array.from({ length: score.length - from }, (_, offset) => from + offset);
  return behind.sort((x, y) => score[x]! - score[y]! || sampleId[x]! - sampleId[y]!);
}

/**
 * The report a packed one stands for, every point an object: for a few points (tests, the
 * object-taking functions); a large history is read from its columns.
 */
export function unpackReport(packed: PackedDriftReport): DriftReport {
  const { points, flag } = packed;
  const objects: DriftPoint[] = Array.from(points.at, (_, index) => ({ ...scorePointAt(points, index), ewma: points.ewma[index]! }));
  return {
    ...packed,
    points: objects,
    flag: flag && {
      alarmIndex: flag.alarmIndex,
      startIndex: flag.startIndex,
      recentMean: flag.recentMean,
      samples: Array.from(flag.lowestFirst, (index) => scorePointAt(points, index)),
    },
  };
}

/** A labeler's drift with its report unpacked (see {@link unpackReport}). */
export function unpackLabeler({ labelerId, report, explainedBy }: PackedLabelerDrift): LabelerDrift {
  return { labelerId, report: unpackReport(report), explainedBy };
}
