import type { ValidatedArg } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { DatasetDiff, DatasetPreview, DatasetSummary } from '../../../shared/domain/dataset';
import { datasetVersion, insertDatasetVersion, latestDatasetVersion, listDatasetVersions, replaceDatasetSummary } from '../../db/queries/datasets';
import { getProject, listClasses, lockProject } from '../../db/queries/project';
import { listSampleMedia } from '../../db/queries/samples';
import { inTransaction } from '../../db/transaction';
import { requireProject, type OpenProject, type ServiceContext } from '../hosting/context';
import { mediaPathOf } from '../samples';
import { buildDataset, contentHashing, type BuiltDataset, type FrozenItems } from './build-dataset';
import { writeExport, type ExportResult } from './write-export';

/**
 * Dataset versions for ML engineers: a version freezes the final labels, splits and the
 * figures behind them; it can be exported in any fitting format, again and again, to the same
 * bytes, and compared with another version.
 */

export async function datasetsPreview(ctx: ServiceContext, arg: ValidatedArg<'datasets.preview'>): Promise<DatasetPreview> {
  const project = requireProject(ctx);
  const built = await buildDataset(project, arg);
  built.items.close();
  return { counts: built.counts, excluded: built.excluded, bySource: built.bySource, classes: built.classes };
}

export async function datasetsCreate(ctx: ServiceContext, arg: ValidatedArg<'datasets.create'>): Promise<DatasetSummary> {
  const project = requireProject(ctx);
  const { items, ...rest } = await buildDataset(project, arg);
  try {
    return await storeVersion(ctx, project, rest, items);
  } finally {
    items.close();
  }
}

/** Hashes and writes a version built from the project, and says it was made. */
async function storeVersion(ctx: ServiceContext, project: OpenProject, rest: Omit<BuiltDataset, 'items'>, items: FrozenItems): Promise<DatasetSummary> {
  if (items.count === 0)
    throw new ApiError('failed_precondition', 'No sample has a final label under these options: submit, decide or lower the agreement threshold first.');
  const { db } = project.connection;
  const created = await inTransaction(db, async (trx) => {
    // Two versions frozen at once each get their own number, in the order their locks were granted.
    await lockProject(trx);
    const at = Date.now();
    const version = (await latestDatasetVersion(trx)) + 1;
    const createdAt = new Date(at).toISOString();
    // The items are hashed as they are written, so the summary is stored again with its hash before the commit.
    const hashing = contentHashing(rest);
    await insertDatasetVersion(trx, { version, createdAt, contentHash: '', ...rest }, hashing.items(items), at);
    const summary: DatasetSummary = { version, createdAt, contentHash: hashing.digest(), ...rest };
    await replaceDatasetSummary(trx, summary);
    return summary;
  });
  ctx.events.emit('dataset.created', { version: created.version });
  return created;
}

/** Datasets hold everyone's final labels, so, like agreement, they are for SMEs and engineers. */
export async function datasetsList(ctx: ServiceContext): Promise<DatasetSummary[]> {
  const project = requireProject(ctx);
  return listDatasetVersions(project.connection.db);
}

/** `rootName`: how the export names its own folder, when it will be zipped and unzipped elsewhere (see `writeExport`). */
export async function datasetsExport(ctx: ServiceContext, arg: ValidatedArg<'datasets.export'>, rootName?: string): Promise<ExportResult> {
  const project = requireProject(ctx);
  refuseExportFromReadOnlyView(project);
  const { db } = project.connection;
  const found = await datasetVersion(db, arg.version);
  if (!found) throw new ApiError('not_found', `There is no dataset v${arg.version}.`, [{ path: 'version', message: 'unknown version' }]);
  const media = new Map((await listSampleMedia(db)).map((row) => [row.id, mediaPathOf(project, row)]));
  return writeExport({
    summary: found.summary,
    items: found.items,
    format: arg.format,
    outDir: arg.outDir,
    copyMedia: arg.copyMedia,
    projectName: (await getProject(db))!.name,
    classes: (await listClasses(db)).map((c) => ({ id: c.id, name: c.name })),
    rootName,
    mediaPath: (sampleId) => {
      const path = media.get(sampleId);
      if (!path) throw new ApiError('failed_precondition', `Sample ${sampleId} of dataset v${arg.version} is no longer in the project.`);
      return path;
    },
  });
}

/** Refused before a file is written: the export would be made and then reported as failed. */
export function refuseExportFromReadOnlyView(project: OpenProject): void {
  if (project.readOnly) {
    throw new ApiError(
      'read_only',
      "A read-only view cannot export: every export is recorded in the project's audit log, which only the app that has the project open can write. Export there, or with `concord export` beside it; nothing was written.",
    );
  }
}

/** Samples added, removed, relabelled and moved between splits from one version to another. */
export async function datasetsCompare(ctx: ServiceContext, arg: ValidatedArg<'datasets.compare'>): Promise<DatasetDiff> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  const [from, to] = await Promise.all([datasetVersion(db, arg.from), datasetVersion(db, arg.to)]);
  if (!from || !to) throw new ApiError('not_found', `There is no dataset v${!from ? arg.from : arg.to}.`);
  const before = new Map(from.items.map((item) => [item.sampleId, item]));
  const after = new Map(to.items.map((item) => [item.sampleId, item]));
  const named = (item: { sampleId: number; fileName: string }) => ({ sampleId: item.sampleId, fileName: item.fileName });
  return {
    from: arg.from,
    to: arg.to,
    added: to.items.filter((item) => !before.has(item.sampleId)).map(named),
    removed: from.items.filter((item) => !after.has(item.sampleId)).map(named),
    relabelled: to.items
      .filter((item) => before.has(item.sampleId) && JSON.stringify(before.get(item.sampleId)!.label) !== JSON.stringify(item.label))
      .map(named),
    moved: to.items
      .filter((item) => before.has(item.sampleId) && before.get(item.sampleId)!.split !== item.split)
      .map((item) => ({ ...named(item), from: before.get(item.sampleId)!.split, to: item.split })),
  };
}
