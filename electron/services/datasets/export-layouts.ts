import type { ExportClass } from '../../../shared/dataset/formats/coco';
import { cocoFile } from '../../../shared/dataset/formats/coco';
import { audiofolderRows, imagefolderRows } from '../../../shared/dataset/formats/huggingface';
import { splitName } from '../../../shared/dataset/formats/split-names';
import { csvRows, jsonlRows } from '../../../shared/dataset/formats/transcripts';
import { vocXml } from '../../../shared/dataset/formats/voc';
import { yoloDataYaml, yoloLabel } from '../../../shared/dataset/formats/yolo';
import { stemOf } from '../../../shared/dataset/file-names';
import { SPLITS, type Split } from '../../../shared/dataset/splits';
import type { DatasetItem, ExportFormat } from '../../../shared/domain/dataset';
import type { ExportWriter } from './export-writer';
import { writeCvat, writeLabelStudio } from './interchange-layouts';

export interface LayoutJob {
  format: ExportFormat;
  kind: 'bbox' | 'transcript';
  /** Every item of the version, in sample order, under its export name. */
  items: readonly DatasetItem[];
  classes: readonly ExportClass[];
  /** The folder the export will have once renamed into place. */
  finalRoot: string;
  info: { description: string; version: string };
}

/** Places one item's own files in an export. */
export type ItemFiles = (item: DatasetItem, out: ExportWriter) => Promise<void>;

/**
 * Each item's own files in a format's folders: its media and, for YOLO and Pascal VOC, its label
 * file. They depend on the item alone, so an export makes them as the version is read, page by
 * page, and `writeLayout` adds the files made from many items once every item is placed. Splits
 * are named as each format names them (`splitName`): `val` for the app's dev split, `validation`
 * for Hugging Face.
 */
export function itemFiles(format: ExportFormat, classes: readonly ExportClass[]): ItemFiles {
  const names = new Map(SPLITS.map((split) => [split, splitName(split, format)]));
  const named = (item: DatasetItem) => names.get(item.split)!;
  switch (format) {
    case 'coco':
      return (item, out) => out.media(item, `${named(item)}/images/${item.fileName}`);
    case 'yolo':
      return async (item, out) => {
        await out.media(item, `images/${named(item)}/${item.fileName}`);
        await out.small(`labels/${named(item)}/${stemOf(item.fileName)}.txt`, yoloLabel(item, classes));
      };
    case 'voc':
      // JPEGImages/<id>.jpg (other formats converted) and Annotations/<id>.xml, 1-based pixels.
      return async (item, out) => {
        const id = stemOf(item.fileName);
        await out.media(item, `JPEGImages/${id}.jpg`, { jpeg: true });
        await out.small(`Annotations/${id}.xml`, vocXml(item, classes, `${id}.jpg`));
      };
    case 'jsonl':
      return (item, out) => out.media(item, `${named(item)}/audio/${item.fileName}`);
    case 'csv':
    case 'huggingface':
      return (item, out) => out.media(item, `${named(item)}/${item.fileName}`);
    case 'label-studio':
      return (item, out) => out.media(item, `media/${item.fileName}`);
    case 'cvat':
      return (item, out) => out.media(item, `images/${item.fileName}`);
  }
}

/**
 * The rest of each format's layout, as its readers expect it, once `itemFiles` has placed every
 * item: the files made from a split or the whole version (COCO's annotations, manifests, lists),
 * and the folders a split with no item still has.
 */
export async function writeLayout(job: LayoutJob, out: ExportWriter): Promise<void> {
  const bySplit = (split: Split) => job.items.filter((item) => item.split === split);
  const named = (split: Split) => splitName(split, job.format);
  switch (job.format) {
    case 'coco':
      for (const split of SPLITS) {
        await out.folder(`${named(split)}/images`);
        await out.large(`${named(split)}/annotations.json`, cocoFile(bySplit(split), job.classes, job.info));
      }
      break;
    case 'yolo':
      for (const split of SPLITS) {
        await out.folder(`images/${named(split)}`);
        await out.folder(`labels/${named(split)}`);
      }
      await out.small('data.yaml', yoloDataYaml(job.finalRoot, job.classes, SPLITS.map(named)));
      break;
    case 'voc':
      await writeVocLists(job, out);
      break;
    case 'jsonl':
      for (const split of SPLITS) {
        await out.folder(`${named(split)}/audio`);
        await out.large(
          `${named(split)}/manifest.jsonl`,
          jsonlRows(bySplit(split), (item) => `audio/${item.fileName}`),
        );
      }
      break;
    case 'csv':
      for (const split of SPLITS) {
        await out.folder(named(split));
        await out.large(
          `${named(split)}/metadata.csv`,
          csvRows(bySplit(split), (item) => item.fileName),
        );
      }
      break;
    case 'huggingface':
      for (const split of SPLITS) {
        const items = bySplit(split);
        // A split folder with no data would be a split the loader cannot read.
        if (items.length === 0) continue;
        await out.large(`${named(split)}/metadata.jsonl`, job.kind === 'bbox' ? imagefolderRows(items, job.classes) : audiofolderRows(items));
      }
      break;
    case 'label-studio':
      await writeLabelStudio(job, out);
      break;
    case 'cvat':
      await writeCvat(job, out);
      break;
  }
  await out.drain();
}

/**
 * Pascal VOC as detectron2 and torchvision read it, besides the JPEGs and XMLs of `itemFiles`: a
 * list of ids per split in `ImageSets/Main` (`train`, `val`, `test`, and `trainval`, train and
 * val together).
 */
async function writeVocLists(job: LayoutJob, out: ExportWriter): Promise<void> {
  const list = (splits: readonly Split[]) => job.items.filter((item) => splits.includes(item.split)).map((item) => `${stemOf(item.fileName)}\n`);
  await out.folder('ImageSets/Main');
  for (const split of SPLITS) await out.large(`ImageSets/Main/${splitName(split, 'voc')}.txt`, list([split]));
  await out.large('ImageSets/Main/trainval.txt', list(['train', 'dev']));
}
