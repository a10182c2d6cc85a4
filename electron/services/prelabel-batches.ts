import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { ImportProblem } from '../../shared/dataset/import/parsed-label';
import type { PrelabelImportResult } from '../../shared/domain/prelabel';
import { predictionTargets, storePredictionBatch } from '../db/queries/predictions';
import { requireProject, type ServiceContext } from './hosting/context';
import { storablePredictions } from './prelabels';

/**
 * Stores one batch of transcripts a model predicted in the app (the Train screen's baseline), as
 * an import stores a file's: each checked against its clip as a save is, a sample the project
 * lacks reported and left out, kept with how sure the model was. The first batch (`replace`)
 * empties the source in the same transaction, so offering a run again starts it anew.
 */
export async function prelabelsStoreBatch(ctx: ServiceContext, arg: ValidatedArg<'prelabels.storeBatch'>): Promise<PrelabelImportResult> {
  const project = requireProject(ctx);
  if (project.kind !== 'transcript') throw new ApiError('failed_precondition', 'Predicted transcripts need a transcript project.');
  const { db } = project.connection;
  const problems: ImportProblem[] = [];
  const confidence = new Map<number, number>();
  const texts = new Map<number, string>();
  for (const prediction of arg.predictions) {
    if (texts.has(prediction.sampleId))
      problems.push({ where: `sample ${prediction.sampleId}`, message: 'is predicted twice in the batch: the last one is kept' });
    texts.set(prediction.sampleId, prediction.text);
    confidence.set(prediction.sampleId, prediction.confidence);
  }
  const targets = await predictionTargets(db, [...texts.keys()]);
  const known = new Set(targets.map((t) => t.sampleId));
  for (const sampleId of texts.keys())
    if (!known.has(sampleId)) {
      problems.push({ where: `sample ${sampleId}`, message: 'is not a sample of this project' });
      texts.delete(sampleId);
    }
  const stored = await storablePredictions(db, project.kind, targets, texts, 0, problems);
  await storePredictionBatch(
    db,
    arg.source,
    arg.replace,
    stored.map((s) => ({ ...s, confidence: confidence.get(s.sampleId)! })),
    ctx.now(),
  );
  return { source: arg.source, imported: stored.length, boxes: null, problems };
}
