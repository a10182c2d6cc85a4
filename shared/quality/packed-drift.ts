import type { DriftPoint, ScorePoint } from './drift';
import type { LabelerDrift } from './team-drift';

/**
 * Drift reports with their points as flat arrays: a report holds a point per sample its labeler
 * answered (300,000 in all at 100,000 images × 3), and as objects they take the receiving thread
 * longer to copy in than the rest of the work; as numbers they cross at once.
 */
export interface PackedDrift {
  /** The reports with `points` and `flag.samples` left empty. */
  labelers: LabelerDrift[];
  /** Each labeler's points, by report: time, sample id, score and EWMA, then the next point. */
  points: Float64Array[];
  /** Each labeler's flagged samples, by report: time, sample id and score (empty without a flag). */
  flagged: Float64Array[];
}

const POINT = 4;
const SAMPLE = 3;

/**
 * The reports as {@link PackedDrift}; {@link unpackDrift} gives back equal reports.
 * @example
 * unpackDrift(packDrift(teamDrift(perSample, submissions))) // equal to teamDrift(perSample, submissions)
 */
export function packDrift(labelers: readonly LabelerDrift[]): PackedDrift {
  const packed: PackedDrift = { labelers: [], points: [], flagged: [] };
  for (const labeler of labelers) {
    const { points, flag } = labeler.report;
    const numbers = new Float64Array(points.length * POINT);
    let at = 0;
    for (const point of points) {
      numbers[at++] = point.at;
      numbers[at++] = point.sampleId;
      numbers[at++] = point.score;
      numbers[at++] = point.ewma;
    }
    const behind = new Float64Array((flag?.samples.length ?? 0) * SAMPLE);
    at = 0;
    for (const point of flag?.samples ?? []) {
      behind[at++] = point.at;
      behind[at++] = point.sampleId;
      behind[at++] = point.score;
    }
    packed.points.push(numbers);
    packed.flagged.push(behind);
    packed.labelers.push({ ...labeler, report: { ...labeler.report, points: [], flag: flag && { ...flag, samples: [] } } });
  }
  return packed;
}

/** The reports {@link packDrift} packed. */
export function unpackDrift(packed: PackedDrift): LabelerDrift[] {
  return packed.labelers.map((labeler, index) => {
    const numbers = packed.points[index]!;
    const points: DriftPoint[] = [];
    for (let at = 0; at < numbers.length; at += POINT) {
      points.push({ at: numbers[at]!, sampleId: numbers[at + 1]!, score: numbers[at + 2]!, ewma: numbers[at + 3]! });
    }
    const { flag } = labeler.report;
    const behind = packed.flagged[index]!;
    const samples: ScorePoint[] = [];
    for (let at = 0; at < behind.length; at += SAMPLE) samples.push({ at: behind[at]!, sampleId: behind[at + 1]!, score: behind[at + 2]! });
    return { ...labeler, report: { ...labeler.report, points, flag: flag && { ...flag, samples } } };
  });
}
