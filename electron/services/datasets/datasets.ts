import type { ValidatedArg } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import type { DatasetDiff, DatasetItem, DatasetPreview, DatasetSummary } from '../../../shared/domain/dataset';
import {
  datasetVersion,
  datasetVersionPages,
  insertDatasetVersion,
  latestDatasetVersion,
  listDatasetVersions,
  sampleMediaPathsBetween,
} from '../../db/queries/datasets';
import { getProject, listClasses, lockProject } from '../../db/queries/project';
import { inTransaction } from '../../db/transaction';
import { collectGarbage } from '../collect-garbage';
import { requireProject, type OpenProject, type ServiceContext } from '../hosting/context';
import { mediaPathOf } from '../samples';
import { buildDataset, contentHashOf, serializedItems, type BuiltDataset } from './build-dataset';
import { writeExport, type ExportResult } from './write-export';

/**
 * Dataset versions for ML engineers: a version freezes the final labels, splits and the
 * figures behind them; it can be exported in any fitting format, again and again, to the same
 * bytes, and compared with another version.
 */

export async function datasetsPreview(ctx: ServiceContext, arg: ValidatedArg<'datasets.preview'>): Promise<DatasetPreview> {
  const project = requireProject(ctx);
  try {
    return await countsOf(buildDataset(project, arg));
  } finally {
    // Every item was made to be counted: dead now, and as many as a version's.
    collectGarbage();
  }
}

async function countsOf(building: Promise<BuiltDataset>): Promise<DatasetPreview> {
  const { counts, excluded, bySource, classes } = await building;
  return { counts, excluded, bySource, classes };
}

export async function datasetsCreate(ctx: ServiceContext, arg: ValidatedArg<'datasets.create'>): Promise<DatasetSummary> {
  try {
    return await createVersion(ctx, arg);
  } finally {
    // The version's pages, items and batches are dead once it is written (or has failed): collected before it is
    // answered, so an export asked right after it does not start on top of them.
    collectGarbage();
  }
}

async function createVersion(ctx: ServiceContext, arg: ValidatedArg<'datasets.create'>): Promise<DatasetSummary> {
  const project = requireProject(ctx);
  const built = await buildDataset(project, arg);
  if (built.items.count === 0)
    throw new ApiError('failed_precondition', 'No sample has a final label under these options: submit, decide or lower the agreement threshold first.');
  const { db } = project.connection;
  const { items, ...rest } = built;
  const contentHash = contentHashOf(rest, items);
  const created = await inTransaction(db, async (trx) => {
    // Two versions frozen at once each get their own number, in the order their locks were granted.
    await lockProject(trx);
    const at = Date.now();
    const summary: DatasetSummary = {
      version: (await latestDatasetVersion(trx)) + 1,
      createdAt: new Date(at).toISOString(),
      contentHash,
      ...rest,
    };
    await insertDatasetVersion(trx, summary, serializedItems(items), at);
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
  try {
    return await exportVersion(ctx, arg, rootName);
  } finally {
    // What the export kept (its files' texts and numbers, the writer's books, the pages read) is dead once the folder is in
    // place or removed: collected before it is answered, so the next export does not start on top of it.
    collectGarbage();
  }
}

async function exportVersion(ctx: ServiceContext, arg: ValidatedArg<'datasets.export'>, rootName?: string): Promise<ExportResult> {
  const project = requireProject(ctx);
  refuseExportFromReadOnlyView(project);
  const { db } = project.connection;
  const found = await datasetVersionPages(db, arg.version);
  if (!found) throw new ApiError('not_found', `There is no dataset v${arg.version}.`, [{ path: 'version', message: 'unknown version' }]);
  // The media of the page being placed (an export places a page's items before it reads the next), each path resolved
  // as its file is made: 100,000 joined paths are never held at once.
  let media = new Map<number, string>();
  const versionPages = found.pages;
  async function* pagesWithMedia(): AsyncGenerator<DatasetItem[]> {
    for await (const page of versionPages()) {
      if (page.length > 0)
        media = new Map((await sampleMediaPathsBetween(db, page[0]!.sampleId, page.at(-1)!.sampleId)).map((row) => [row.id, row.media_path]));
      yield page;
    }
  }
  return writeExport({
    summary: found.summary,
    items: pagesWithMedia,
    format: arg.format,
    outDir: arg.outDir,
    copyMedia: arg.copyMedia,
    projectName: (await getProject(db))!.name,
    classes: (await listClasses(db)).map((c) => ({ id: c.id, name: c.name })),
    rootName,
    mediaPath: (sampleId) => {
      const stored = media.get(sampleId);
      if (stored === undefined) throw new ApiError('failed_precondition', `Sample ${sampleId} of dataset v${arg.version} is no longer in the project.`);
      return mediaPathOf(project, { media_path: stored });
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
