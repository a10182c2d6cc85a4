import { ApiError } from '../../../shared/api/errors';
import { datasetCard } from '../../../shared/dataset/card';
import type { ExportClass } from '../../../shared/dataset/formats/coco';
import { exportFileNames, FlatExportNames } from '../../../shared/dataset/file-names';
import { BOX_FORMATS, TRANSCRIPT_FORMATS, type DatasetItem, type DatasetSummary, type ExportFormat } from '../../../shared/domain/dataset';
import { exportLayout, type ExportLayout } from './export-layouts';
import type { ExportWriter } from './export-writer';
import { writeFolderAtomically, type ExportedSample, type WrittenFolder } from './write-folder-atomically';

export interface ExportJob {
  summary: DatasetSummary;
  /**
   * The version's items in sample order: whole, or read as pages one after another (as
   * `datasetVersionPages` reads them), each page's files made while the next is read. Read again
   * from the start only for a version whose names must first be made unique.
   */
  items: readonly DatasetItem[] | (() => AsyncIterable<readonly DatasetItem[]>);
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
 * The items are placed as they are read (`exportLayout`), under their flat names
 * (`FlatExportNames`): the disk works while the rest of the version is read, and no item is kept. A version frozen before names were unique by construction may hold two samples
 * whose names share a stem; at the first such sample this folder is dropped, and the version is
 * read twice more: for its names, made unique together (`exportFileNames`), then for its files.
 */
export async function writeExport(job: ExportJob): Promise<ExportResult> {
  requireFormatOfKind(job.format, job.summary.kind);
  const media = { copyMedia: job.copyMedia, mediaPath: job.mediaPath };
  try {
    return await writeFolderAtomically(job.outDir, media, async (out, target) => {
      const placing = new PlacedItems(job, out, target);
      const names = new FlatExportNames();
      for await (const page of pagesOf(job.items))
        for (const item of page) {
          const fileName = names.take(item.fileName);
          if (fileName === null) throw new NamesToMakeUnique();
          await placing.place(fileName === item.fileName ? item : { ...item, fileName });
        }
      return placing.finish();
    });
  } catch (error) {
    if (!(error instanceof NamesToMakeUnique)) throw error;
  }
  const unique = await uniqueNames(job.items);
  return writeFolderAtomically(job.outDir, media, async (out, target) => {
    const placing = new PlacedItems(job, out, target);
    for await (const page of pagesOf(job.items))
      for (const item of page) {
        const fileName = unique.get(item.sampleId)!;
        await placing.place(fileName === item.fileName ? item : { ...item, fileName });
      }
    return placing.finish();
  });
}

/**
 * One attempt's items placed in its folder: the format's own files as they come, then the files
 * made from many items, the manifest and the card. Of each item only its name is kept (for the
 * final check), and the split too of an unresolved disagreement (for the manifest).
 */
class PlacedItems {
  private readonly layout: ExportLayout;
  private readonly placed: ExportedSample[] = [];
  private readonly flagged: Array<Pick<DatasetItem, 'sampleId' | 'fileName' | 'split'>> = [];

  constructor(
    private readonly job: ExportJob,
    private readonly out: ExportWriter,
    target: string,
  ) {
    const info = { description: `${job.projectName} dataset v${job.summary.version}`, version: String(job.summary.version) };
    this.layout = exportLayout({ format: job.format, kind: job.summary.kind, classes: job.classes, finalRoot: job.rootName ?? target, info });
  }

  async place(item: DatasetItem): Promise<void> {
    this.placed.push({ sampleId: item.sampleId, fileName: item.fileName });
    if (item.source === 'flagged') this.flagged.push({ sampleId: item.sampleId, fileName: item.fileName, split: item.split });
    await this.layout.place(item, this.out);
  }

  async finish(): Promise<readonly ExportedSample[]> {
    const { job, out } = this;
    await this.layout.finish(out);
    await out.drain();
    await out.small('manifest.json', `${JSON.stringify(manifest(job, this.flagged), null, 2)}\n`);
    await out.small(
      'DATASET.md',
      datasetCard(job.summary, job.projectName, job.format, { media: job.copyMedia ? 'copied' : out.linkCounts, classes: job.classes }),
    );
    return this.placed;
  }
}

/** Thrown inside the first attempt when two names share a stem: its folder is removed, and the export made again with unique names. */
class NamesToMakeUnique extends Error {}

function pagesOf(items: ExportJob['items']): AsyncIterable<readonly DatasetItem[]> | Iterable<readonly DatasetItem[]> {
  return typeof items === 'function' ? items() : [items];
}

/**
 * The version's file names, made unique again: a version frozen before names were unique by
 * construction may hold two samples under one name. Names that are already unique stay.
 */
async function uniqueNames(items: ExportJob['items']): Promise<Map<number, string>> {
  const named: Array<{ id: number; name: string }> = [];
  for await (const page of pagesOf(items)) for (const item of page) named.push({ id: item.sampleId, name: item.fileName });
  return exportFileNames(named);
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

/** The version's summary, and which samples are unresolved disagreements kept in it (by their name in the version). */
function manifest(job: ExportJob, flaggedSamples: ReadonlyArray<Pick<DatasetItem, 'sampleId' | 'fileName' | 'split'>>) {
  return {
    concord: 'dataset',
    project: job.projectName,
    format: job.format,
    media: job.copyMedia ? 'copied' : 'linked',
    ...job.summary,
    flaggedSamples,
  };
}
