import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { TrainingRun } from '../../shared/domain/training';
import { datasetVersion } from '../db/queries/datasets';
import { requestRelabel } from '../db/queries/guidelines';
import { currentGuidelineVersion } from '../db/queries/project';
import { inTransaction } from '../db/transaction';
import { requireProject, type ServiceContext } from './context';

// What the in-app baseline keeps: finished runs, and samples sent back to labelers when the model suspects their label.

export async function trainSaveRun(ctx: ServiceContext, arg: ValidatedArg<'train.saveRun'>): Promise<TrainingRun> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  if (!(await datasetVersion(db, arg.version))) throw new ApiError('not_found', `There is no dataset v${arg.version}.`);
  const at = Date.now();
  const { modelJson, weightsBase64, ...run } = arg;
  const row = await db
    .insertInto('training_run')
    .values({
      dataset_version: arg.version,
      created_at: at,
      run_json: JSON.stringify(run),
      model_json: modelJson,
      weights: Buffer.from(weightsBase64, 'base64'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, createdAt: new Date(at).toISOString(), ...run };
}

export async function trainRuns(ctx: ServiceContext, arg: ValidatedArg<'train.runs'>): Promise<TrainingRun[]> {
  const project = requireProject(ctx);
  const rows = await project.connection.db
    .selectFrom('training_run')
    .select(['id', 'created_at', 'run_json'])
    .where('dataset_version', '=', arg.version)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    ...(JSON.parse(row.run_json) as Omit<TrainingRun, 'id' | 'createdAt'>),
  }));
}

/** Sends samples the model suspects back to the labelers who labeled them, with the reason. */
export async function trainRequestRelabel(ctx: ServiceContext, arg: ValidatedArg<'train.requestRelabel'>): Promise<{ requests: number }> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const requests = await inTransaction(db, async (trx) => requestRelabel(trx, arg.sampleIds, (await currentGuidelineVersion(trx)).id, arg.reason, Date.now()));
  return { requests };
}
