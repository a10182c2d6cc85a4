import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { CropsForTraining, TrainingRun } from '../../shared/domain/training';
import { datasetVersion } from '../db/queries/datasets';
import { requestRelabel } from '../db/queries/guidelines';
import { currentGuidelineVersion, listClasses } from '../db/queries/project';
import { listSampleMedia, samplesForExport } from '../db/queries/samples';
import { inTransaction } from '../db/transaction';
import { cropBoxes } from '../media/box-crops';
import { requireCoordinator, requireProject, type ServiceContext } from './context';
import { mediaPathOf } from './samples';

/**
 * What the in-app baseline trains on and keeps: the box crops of a dataset version's final
 * labels with the human-level class agreement to compare with, finished runs, and samples sent
 * back to labelers when the model suspects their label.
 */

export async function trainCrops(ctx: ServiceContext, arg: ValidatedArg<'train.crops'>): Promise<CropsForTraining> {
  const project = requireProject(ctx);
  requireCoordinator(ctx);
  if (project.kind !== 'bbox') throw new ApiError('failed_precondition', 'Box crops need an image project; transcript projects train on clips.');
  const { db } = project.connection;
  const dataset = await datasetVersion(db, arg.version);
  if (!dataset) throw new ApiError('not_found', `There is no dataset v${arg.version}.`, [{ path: 'version', message: 'unknown version' }]);
  const [classes, samples, media, agreement] = await Promise.all([
    listClasses(db),
    samplesForExport(db),
    listSampleMedia(db),
    project.agreement.snapshot({ iouThreshold: 0.5, normalize: [] }),
  ]);
  const used = classes.filter((c) => dataset.items.some((item) => item.label.kind === 'bbox' && item.label.boxes.some((box) => box.classId === c.id)));
  const index = new Map(used.map((c, i) => [c.id, i]));
  const tags = new Map(samples.map((s) => [s.id, s.tags]));
  const paths = new Map(media.map((row) => [row.id, mediaPathOf(project, row)]));

  const crops: CropsForTraining['crops'] = [];
  const buffers: Buffer[] = [];
  for (const item of dataset.items) {
    if (item.label.kind !== 'bbox' || item.label.boxes.length === 0) continue;
    const path = paths.get(item.sampleId);
    if (!path) continue;
    const boxes = item.label.boxes;
    buffers.push(...(await cropBoxes(path, boxes, arg.size)));
    for (const box of boxes) {
      crops.push({
        sampleId: item.sampleId,
        fileName: item.fileName,
        split: item.split,
        label: index.get(box.classId)!,
        tags: tags.get(item.sampleId) ?? [],
        box: { x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2 },
      });
    }
  }
  const classAgreement = (figure: { kind: string; classAgreement?: number | null }) => (figure.kind === 'bbox' ? (figure.classAgreement ?? null) : null);
  return {
    version: arg.version,
    size: arg.size,
    classes: used.map((c) => ({ id: c.id, name: c.name })),
    crops,
    pixels: Buffer.concat(buffers).toString('base64'),
    hlp: [{ slice: 'all', value: classAgreement(agreement.overall) }, ...agreement.perTag.map((t) => ({ slice: t.key, value: classAgreement(t.figure) }))],
  };
}

export async function trainSaveRun(ctx: ServiceContext, arg: ValidatedArg<'train.saveRun'>): Promise<TrainingRun> {
  const project = requireProject(ctx);
  requireCoordinator(ctx);
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
  requireCoordinator(ctx);
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
  requireCoordinator(ctx);
  const { db } = project.connection;
  const requests = await inTransaction(db, async (trx) => requestRelabel(trx, arg.sampleIds, (await currentGuidelineVersion(trx)).id, arg.reason, Date.now()));
  return { requests };
}
