import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { RunModel, TrainingRun } from '../../shared/domain/training';
import { datasetVersion } from '../db/queries/datasets';
import { requestRelabel } from '../db/queries/guidelines';
import { currentGuidelineVersion } from '../db/queries/project';
import { insertTrainingRun, trainingRunModel, trainingRunsOf } from '../db/queries/training-runs';
import { inTransaction } from '../db/transaction';
import { requireProject, type ServiceContext } from './hosting/context';

// What the in-app baseline keeps: finished runs, and samples sent back to labelers when the model suspects their label.

export async function trainSaveRun(ctx: ServiceContext, arg: ValidatedArg<'train.saveRun'>): Promise<TrainingRun> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  if (!(await datasetVersion(db, arg.version))) throw new ApiError('not_found', `There is no dataset v${arg.version}.`);
  const { modelJson, weightsBase64, ...run } = arg;
  return insertTrainingRun(db, run, { json: modelJson, weights: Buffer.from(weightsBase64, 'base64') }, Date.now());
}

export async function trainRuns(ctx: ServiceContext, arg: ValidatedArg<'train.runs'>): Promise<TrainingRun[]> {
  return trainingRunsOf(requireProject(ctx).connection.db, arg.version);
}

/** A kept run's model and classes, for the browser to predict new samples with. */
export async function trainRunModel(ctx: ServiceContext, arg: ValidatedArg<'train.runModel'>): Promise<RunModel> {
  const found = await trainingRunModel(requireProject(ctx).connection.db, arg.runId);
  if (!found) throw new ApiError('not_found', `There is no training run ${arg.runId}.`, [{ path: 'runId', message: 'unknown run' }]);
  const { run, modelJson, weights } = found;
  if (!run.classes || modelJson === '')
    throw new ApiError('failed_precondition', `Run ${arg.runId} was kept without its classes: train it again to predict with it.`);
  return { runId: run.id, version: run.version, input: run.input, classes: run.classes, modelJson, weightsBase64: weights.toString('base64') };
}

/** Sends samples the model suspects back to the labelers who labeled them, with the reason. */
export async function trainRequestRelabel(ctx: ServiceContext, arg: ValidatedArg<'train.requestRelabel'>): Promise<{ requests: number }> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const requests = await inTransaction(db, async (trx) => requestRelabel(trx, arg.sampleIds, (await currentGuidelineVersion(trx)).id, arg.reason, Date.now()));
  return { requests };
}
