import type { PredictedBox } from '../../analysis/score-predictions';
import { shortName } from './file-problems';
import { parseLabelStudio } from './parse-label-studio';
import type { ImportProblem } from './parsed-label';

/** What scoring needs of a dataset version's sample. */
export interface PredictedSample {
  sampleId: number;
  width: number | null;
  height: number | null;
}

/**
 * A model's predictions in a Label Studio JSON export (each task's `predictions`), by sample id:
 * boxes in the sample's pixels with the prediction's `score` (1 when it has none), or the
 * transcript's text. A task is matched by its file's name (`sampleOf`); a task of no sample of
 * the version, a class the project does not have, or a second prediction on a task (the first is
 * scored) is reported by task, and the rest is scored. A file that is not a Label Studio export
 * throws a {@link LabelFileError}; the tasks' annotations are people's, not the model's, and are
 * not read here.
 * @example labelStudioPredictions('[]', 'bbox', () => undefined, () => undefined, []).size // 0
 */
export function labelStudioPredictions(
  text: string,
  kind: 'bbox' | 'transcript',
  sampleOf: (file: string) => PredictedSample | undefined,
  classIdOf: (className: string) => number | undefined,
  problems: ImportProblem[],
): Map<number, PredictedBox[] | string> {
  const parsed = parseLabelStudio(text);
  problems.push(...parsed.problems.filter((p) => /prediction \d+/.test(p.where)));
  const predictions = new Map<number, PredictedBox[] | string>();
  for (const prediction of parsed.predictions) {
    const sample = sampleOf(prediction.file);
    if (!sample) {
      problems.push({ where: prediction.where, message: `"${shortName(prediction.file)}" is not a file of this dataset version` });
      continue;
    }
    if (predictions.has(sample.sampleId)) {
      problems.push({ where: prediction.where, message: 'is a second prediction on this task; the first is scored' });
      continue;
    }
    const { content } = prediction;
    if (kind === 'transcript') {
      // A prediction without regions on a clip is a model that heard no speech.
      predictions.set(sample.sampleId, content.kind === 'segments' ? content.segments.map((s) => s.text).join(' ') : '');
      continue;
    }
    if (content.kind !== 'percent-boxes') {
      problems.push({ where: prediction.where, message: 'holds text, not boxes' });
      continue;
    }
    const width = sample.width ?? 0;
    const height = sample.height ?? 0;
    const boxes: PredictedBox[] = [];
    content.boxes.forEach((box, index) => {
      const classId = classIdOf(box.className);
      if (classId === undefined)
        return problems.push({
          where: `${prediction.where}, box ${index + 1}`,
          message: `has class "${shortName(box.className, 40)}", which this project does not have`,
        });
      boxes.push({
        classId,
        x1: (box.x * width) / 100,
        y1: (box.y * height) / 100,
        x2: ((box.x + box.width) * width) / 100,
        y2: ((box.y + box.height) * height) / 100,
        score: prediction.score ?? 1,
      });
    });
    predictions.set(sample.sampleId, boxes);
  }
  return predictions;
}
