import { ApiError } from '../../../shared/api/errors';
import { datasetCard } from '../../../shared/dataset/card';
import type { ExportClass } from '../../../shared/dataset/formats/coco';
import { exportFileNames, FlatExportNames } from '../../../shared/dataset/file-names';
import { BOX_FORMATS, TRANSCRIPT_FORMATS, type DatasetItem, type DatasetSummary, type ExportFormat } from '../../../shared/domain/dataset';
import { itemFiles, writeLayout } from './export-layouts';
import type { ExportWriter } from './export-writer';
import { writeFolderAtomically, type WrittenFolder } from './write-folder-atomically';

export interface ExportJob {
  summary: DatasetSummary;
  /**
   * The version's items in sample order: whole, or as pages read one after another (as
   * `datasetVersionPages` gives them), each page's files made while the next is read.
   */
  items: readonly DatasetItem[] | AsyncIterable<readonly DatasetItem[]>;
  format: ExportFormat;
  outDir: string;
  /** Copy the media into the export, else link to the project's files. */
  copyMedia: boolean;
  projectName: string;
  classes: readonly ExportClass[];
  /** Where a sample's media is now. */
  mediaPath(sampleId: number): string;
  /** How files name the export's own folder (YOLO's `path:`): its absolute path, unless a download names the folder it unzips to. */
  rootName?: string;
}

export type ExportResult = WrittenFolder;

/**
 * Writes a dataset version in a format, atomically (`writeFolderAtomically`): the folder appears
 * only when complete and checked to hold every sample exactly once. Nothing in the output
 * depends on when it was written: the same version exports to the same bytes (YOLO's
 * `data.yaml` also names the folder it is in).
 *
 * Each item's own files (its media, YOLO's and VOC's label files) are made as its page is read,
 * under its flat name (`FlatExportNames`): the disk works while the rest of the version is read
 * and parsed. A version frozen before names were unique by construction may hold two samples
 * whose names share a stem; from the first such sample on, nothing more is placed, and once the
 * whole version is read the export starts again in a new hidden folder with every name made
 * unique (`exportFileNames`), the first one removed.
 */
export async function writeExport(job: ExportJob): Promise<ExportResult> {
  requireFormatOfKind(job.format, job.summary.kind);
  const read: DatasetItem[] = [];
  try {
    return await writeFolderAtomically(job.outDir, { copyMedia: job.copyMedia, mediaPath: job.mediaPath }, async (out, target) => {
      const place = itemFiles(job.format, job.classes);
      const names = new FlatExportNames();
      const items: DatasetItem[] = [];
      let nameShared = false;
      for await (const page of pagesOf(job.items))
        for (const item of page) {
          read.push(item);
          const fileName = nameShared ? null : names.take(item.fileName);
          if (fileName === null) {
            nameShared = true;
            continue;
          }
          const named = fileName === item.fileName ? item : { ...item, fileName };
          items.push(named);
          await place(named, out);
        }
      if (nameShared) throw new NamesToMakeUnique();
      return writeRest(job, items, out, target);
    });
  } catch (error) {
    if (!(error instanceof NamesToMakeUnique)) throw error;
  }
  return writeFolderAtomically(job.outDir, { copyMedia: job.copyMedia, mediaPath: job.mediaPath }, async (out, target) => {
    const items = withUniqueNames(read);
    const place = itemFiles(job.format, job.classes);
    for (const item of items) await place(item, out);
    return writeRest(job, items, out, target);
  });
}

/** The layout's files made from many items, the manifest and the card, once every item's own files are placed. */
async function writeRest(job: ExportJob, items: readonly DatasetItem[], out: ExportWriter, target: string): Promise<readonly DatasetItem[]> {
  const info = { description: `${job.projectName} dataset v${job.summary.version}`, version: String(job.summary.version) };
  await writeLayout({ format: job.format, kind: job.summary.kind, items, classes: job.classes, finalRoot: job.rootName ?? target, info }, out);
  await out.small('manifest.json', `${JSON.stringify(manifest(job, items), null, 2)}\n`);
  await out.small(
    'DATASET.md',
    datasetCard(job.summary, job.projectName, job.format, { media: job.copyMedia ? 'copied' : out.linkCounts, classes: job.classes }),
  );
  return items;
}

/** Thrown inside the first attempt when two names share a stem: its folder is removed, and the export made again with unique names. */
class NamesToMakeUnique extends Error {}

async function* pagesOf(items: ExportJob['items']): AsyncGenerator<readonly DatasetItem[]> {
  if (Array.isArray(items)) yield items as readonly DatasetItem[];
  else yield* items as AsyncIterable<readonly DatasetItem[]>;
}

/** Refuses a format that cannot hold this kind of labels (YOLO for transcripts, JSONL for boxes). */
export function requireFormatOfKind(format: ExportFormat, kind: DatasetSummary['kind']): void {
  const kindFormats = kind === 'bbox' ? BOX_FORMATS : TRANSCRIPT_FORMATS;
  if (!kindFormats.includes(format))
    throw new ApiError(
      'invalid_argument',
      `${format} is not a format for ${kind === 'bbox' ? 'images with boxes' : 'transcripts'}; use ${kindFormats.join(', ')}.`,
      [{ path: 'format', message: 'not a format for this kind of project' }],
    );
}

/**
 * The version's file names, made unique again: a version frozen before names were unique by
 * construction may hold two samples under one name. Names that are already unique stay.
 */
function withUniqueNames(items: readonly DatasetItem[]): DatasetItem[] {
  const names = exportFileNames(items.map((item) => ({ id: item.sampleId, name: item.fileName })));
  // Only a renamed item is copied: a large version's items are not all duplicated for the export.
  return items.map((item) => {
    const fileName = names.get(item.sampleId)!;
    return fileName === item.fileName ? item : { ...item, fileName };
  });
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
