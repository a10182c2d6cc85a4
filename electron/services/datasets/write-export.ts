import { chmod, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ApiError } from '../../../shared/api/errors';
import { PRIVATE_DIR_MODE } from '../../fs/private-files';
import { datasetCard } from '../../../shared/dataset/card';
import type { ExportClass } from '../../../shared/dataset/formats/coco';
import { exportFileNames } from '../../../shared/dataset/file-names';
import { BOX_FORMATS, TRANSCRIPT_FORMATS, type DatasetItem, type DatasetSummary, type ExportFormat } from '../../../shared/domain/dataset';
import { writeLayout } from './export-layouts';
import { ExportWriter } from './export-writer';

export interface ExportJob {
  summary: DatasetSummary;
  items: readonly DatasetItem[];
  format: ExportFormat;
  outDir: string;
  /** Copy the media into the export, else link to the project's files. */
  copyMedia: boolean;
  projectName: string;
  classes: readonly ExportClass[];
  /** Where a sample's media is now. */
  mediaPath(sampleId: number): string;
}

export interface ExportResult {
  dir: string;
  files: number;
}

const TEMP_MARK = '.concord-export-';

/**
 * Writes a dataset version in a format, atomically: everything goes into a hidden folder beside
 * the target, which is renamed into place only when complete and checked to hold every sample
 * exactly once, so an interrupted or wrong export leaves no dataset folder (and its leftovers
 * are cleared by the next export). Nothing in the output depends on when it was written: the
 * same version exports to the same bytes (YOLO's `data.yaml` also names the folder it is in).
 */
export async function writeExport(job: ExportJob): Promise<ExportResult> {
  const target = resolve(job.outDir);
  const kindFormats = job.summary.kind === 'bbox' ? BOX_FORMATS : TRANSCRIPT_FORMATS;
  if (!kindFormats.includes(job.format))
    throw new ApiError(
      'invalid_argument',
      `${job.format} is not a format for ${job.summary.kind === 'bbox' ? 'images with boxes' : 'transcripts'}; use ${kindFormats.join(', ')}.`,
    );
  if (await exists(target)) throw new ApiError('failed_precondition', `${target} already exists. Export into a new folder; an export never overwrites one.`);
  await mkdir(dirname(target), { recursive: true });
  await clearLeftovers(target);
  const temp = join(dirname(target), `${TEMP_MARK}${basename(target)}-${randomBytes(4).toString('hex')}`);
  // Owner-only while it is written (and after, as the dataset folder it is renamed to).
  await mkdir(temp, { mode: PRIVATE_DIR_MODE });
  await chmod(temp, PRIVATE_DIR_MODE);
  const out = new ExportWriter({ root: temp, finalRoot: target, copyMedia: job.copyMedia, mediaPath: job.mediaPath });
  try {
    const items = withUniqueNames(job.items);
    const info = { description: `${job.projectName} dataset v${job.summary.version}`, version: String(job.summary.version) };
    await writeLayout({ format: job.format, kind: job.summary.kind, items, classes: job.classes, finalRoot: target, info }, out);
    await out.small('manifest.json', `${JSON.stringify(manifest(job, items), null, 2)}\n`);
    await out.small('DATASET.md', datasetCard(job.summary, job.projectName, job.format, { media: job.copyMedia ? 'copied' : 'linked', classes: job.classes }));
    await out.verify(items);
    await rename(temp, target);
    return { dir: target, files: out.files };
  } catch (error) {
    await out.settle();
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The version's file names, made unique again: a version frozen before names were unique by
 * construction may hold two samples under one name. Names that are already unique stay.
 */
function withUniqueNames(items: readonly DatasetItem[]): DatasetItem[] {
  const names = exportFileNames(items.map((item) => ({ id: item.sampleId, name: item.fileName })));
  return items.map((item) => ({ ...item, fileName: names.get(item.sampleId)! }));
}

/** The version's summary, and which samples are unresolved disagreements kept in it (by their name in the version). */
function manifest(job: ExportJob, items: readonly DatasetItem[]) {
  return {
    concord: 'dataset',
    project: job.projectName,
    format: job.format,
    media: job.copyMedia ? 'copied' : 'linked',
    ...job.summary,
    flaggedSamples: items.filter((item) => item.source === 'flagged').map(({ sampleId, fileName, split }) => ({ sampleId, fileName, split })),
  };
}

/** Hidden folders of exports to the same target that were interrupted. */
async function clearLeftovers(target: string): Promise<void> {
  // Exactly this target's: the export of `data` must not clear one of `data-v2` under way.
  const own = new RegExp(`^${escapeRegExp(`${TEMP_MARK}${basename(target)}-`)}[0-9a-f]{8}$`);
  for (const entry of await readdir(dirname(target))) if (own.test(entry)) await rm(join(dirname(target), entry), { recursive: true, force: true });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
