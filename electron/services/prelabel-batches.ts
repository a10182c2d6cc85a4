import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { PredictedBox } from '../../shared/analysis/score-predictions';
import type { ImportProblem } from '../../shared/dataset/import/parsed-label';
import type { PrelabelImportResult } from '../../shared/domain/prelabel';
import { predictionTargets, storePredictionBatch } from '../db/queries/predictions';
import { listClasses } from '../db/queries/project';
import { requireProject, type ServiceContext } from './hosting/context';
import { storablePredictions } from './prelabels';

type BatchPrediction = ValidatedArg<'prelabels.storeBatch'>['predictions'][number];

/**
 * Stores one batch of transcripts or boxes a model predicted in the app (the Train screen's
 * baseline), as an import stores a file's: each checked against its sample as a save is (a box
 * reaching past the image cut at its edge, a class the project lacks or a sample it lacks
 * reported and left out), kept with how sure the model was. The first batch (`replace`) empties
 * the source in the same transaction, so offering a run again starts it anew.
 */
export async function prelabelsStoreBatch(ctx: ServiceContext, arg: ValidatedArg<'prelabels.storeBatch'>): Promise<PrelabelImportResult> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const problems: ImportProblem[] = [];
  const classIds = new Map((await listClasses(db)).map((c) => [c.name, c.id]));
  const confidence = new Map<number, number>();
  const predicted = new Map<number, PredictedBox[] | string>();
  for (const prediction of arg.predictions) {
    const where = `sample ${prediction.sampleId}`;
    const value = predictionValue(prediction, project.kind, classIds);
    if (typeof value === 'object' && 'refusal' in value) {
      problems.push({ where, message: value.refusal });
      continue;
    }
    if (predicted.has(prediction.sampleId)) problems.push({ where, message: 'is predicted twice in the batch: the last one is kept' });
    predicted.set(prediction.sampleId, value);
    confidence.set(prediction.sampleId, prediction.confidence);
  }
  const targets = await predictionTargets(db, [...predicted.keys()]);
  const known = new Set(targets.map((t) => t.sampleId));
  for (const sampleId of predicted.keys())
    if (!known.has(sampleId)) {
      problems.push({ where: `sample ${sampleId}`, message: 'is not a sample of this project' });
      predicted.delete(sampleId);
    }
  const stored = await storablePredictions(db, project.kind, targets, predicted, 0, problems);
  await storePredictionBatch(
    db,
    arg.source,
    arg.replace,
    stored.map((s) => ({ ...s, confidence: confidence.get(s.sampleId)! })),
    ctx.now(),
  );
  const boxes = project.kind === 'bbox' ? stored.reduce((sum, { payload }) => sum + (payload.kind === 'bbox' ? payload.boxes.length : 0), 0) : null;
  return { source: arg.source, imported: stored.length, boxes, problems };
}

/** A prediction as the parsers give it (text, or boxes by class id), or why it cannot be one in this project. */
function predictionValue(
  prediction: BatchPrediction,
  kind: 'bbox' | 'transcript',
  classIds: ReadonlyMap<string, number>,
): PredictedBox[] | string | { refusal: string } {
  if ('text' in prediction) {
    if (kind !== 'transcript') throw new ApiError('failed_precondition', 'Predicted transcripts need a transcript project.');
    return prediction.text;
  }
  if (kind !== 'bbox') throw new ApiError('failed_precondition', 'Predicted boxes need an image project.');
  const unknown = prediction.boxes.find((box) => !classIds.has(box.className));
  if (unknown) return { refusal: `has a box of class “${unknown.className}”, which the project lacks` };
  return prediction.boxes.map(({ className, ...box }) => ({ ...box, classId: classIds.get(className)! }));
}
