import { CocoSplitText, type CocoInfo, type ExportClass } from '../../../shared/dataset/formats/coco';
import { audiofolderRow, imagefolderRow } from '../../../shared/dataset/formats/huggingface';
import { splitName } from '../../../shared/dataset/formats/split-names';
import { CSV_HEADER, csvRow, jsonlItemRows } from '../../../shared/dataset/formats/transcripts';
import { vocXml } from '../../../shared/dataset/formats/voc';
import { yoloDataYaml, yoloLabel } from '../../../shared/dataset/formats/yolo';
import { stemOf } from '../../../shared/dataset/file-names';
import { SPLITS, type Split } from '../../../shared/dataset/splits';
import type { DatasetItem, ExportFormat } from '../../../shared/domain/dataset';
import type { ExportWriter } from './export-writer';
import { cvatLayout, framed, labelStudioLayout } from './interchange-layouts';

export interface LayoutJob {
  format: ExportFormat;
  kind: 'bbox' | 'transcript';
  classes: readonly ExportClass[];
  /** The folder the export will have once renamed into place. */
  finalRoot: string;
  info: CocoInfo;
}

/**
 * A format's folders, filled as the version is read: `place` makes an item's own files (its
 * media and, for YOLO and Pascal VOC, its label file) and keeps what the files made from many
 * items need of it; `finish`, once every item is placed, writes those (COCO's annotations,
 * manifests, lists) and the folders a split with no item still has. Splits are named as each
 * format names them (`splitName`): `val` for the app's dev split, `validation` for Hugging Face.
 * No format keeps the items themselves: a large version is never held whole.
 */
export interface ExportLayout {
  place(item: DatasetItem, out: ExportWriter): Promise<void>;
  finish(out: ExportWriter): Promise<void>;
}

/** Places one item's own files in an export. */
type ItemFiles = (item: DatasetItem, out: ExportWriter) => Promise<void>;

/** The layout of `job.format` (see {@link ExportLayout}). */
export function exportLayout(job: LayoutJob): ExportLayout {
  const names = new Map(SPLITS.map((split) => [split, splitName(split, job.format)]));
  const named = (split: Split) => names.get(split)!;
  switch (job.format) {
    case 'coco':
      return cocoLayout(job, named);
    case 'yolo':
      return {
        async place(item, out) {
          await out.media(item, `images/${named(item.split)}/${item.fileName}`);
          await out.small(`labels/${named(item.split)}/${stemOf(item.fileName)}.txt`, yoloLabel(item, job.classes));
        },
        async finish(out) {
          for (const split of SPLITS) {
            await out.folder(`images/${named(split)}`);
            await out.folder(`labels/${named(split)}`);
          }
          await out.small('data.yaml', yoloDataYaml(job.finalRoot, job.classes, SPLITS.map(named)));
        },
      };
    case 'voc':
      return vocLayout(job);
    case 'jsonl':
      return splitRows(
        (item, out) => out.media(item, `${named(item.split)}/audio/${item.fileName}`),
        (item) => jsonlItemRows(item, (it) => `audio/${it.fileName}`),
        async (split, rows, out) => {
          await out.folder(`${named(split)}/audio`);
          await out.large(`${named(split)}/manifest.jsonl`, rows);
        },
      );
    case 'csv':
      return splitRows(
        (item, out) => out.media(item, `${named(item.split)}/${item.fileName}`),
        (item) => csvRow(item, (it) => it.fileName),
        async (split, rows, out) => {
          await out.folder(named(split));
          await out.large(`${named(split)}/metadata.csv`, framed(CSV_HEADER, rows, ''));
        },
      );
    case 'huggingface':
      return splitRows(
        (item, out) => out.media(item, `${named(item.split)}/${item.fileName}`),
        (item) => (job.kind === 'bbox' ? imagefolderRow(item, job.classes) : audiofolderRow(item)),
        async (split, rows, out) => {
          // A split folder with no data would be a split the loader cannot read.
          if (rows.length > 0) await out.large(`${named(split)}/metadata.jsonl`, rows);
        },
      );
    case 'label-studio':
      return labelStudioLayout(job);
    case 'cvat':
      return cvatLayout(job);
  }
}

/**
 * COCO: `<split>/images/` and `<split>/annotations.json` per split. Each split's file keeps its
 * images' entries as text and their boxes as numbers (`CocoSplitText`) until every item is in.
 */
function cocoLayout(job: LayoutJob, named: (split: Split) => string): ExportLayout {
  const texts = new Map(SPLITS.map((split) => [split, new CocoSplitText()]));
  return {
    async place(item, out) {
      await out.media(item, `${named(item.split)}/images/${item.fileName}`);
      texts.get(item.split)!.add(item);
    },
    async finish(out) {
      for (const split of SPLITS) {
        await out.folder(`${named(split)}/images`);
        await out.large(`${named(split)}/annotations.json`, texts.get(split)!.chunks(job.classes, job.info));
      }
    },
  };
}

/**
 * Pascal VOC as detectron2 and torchvision read it: `JPEGImages/<id>.jpg` (other formats
 * converted) and `Annotations/<id>.xml` (1-based pixels) per item, and a list of ids per split in
 * `ImageSets/Main` (`train`, `val`, `test`, and `trainval`, train and val together), for which
 * only each item's id is kept.
 */
function vocLayout(job: LayoutJob): ExportLayout {
  const ids = new Map<Split, string[]>(SPLITS.map((split) => [split, []]));
  const trainval: string[] = [];
  return {
    async place(item, out) {
      const id = stemOf(item.fileName);
      await out.media(item, `JPEGImages/${id}.jpg`, { jpeg: true });
      await out.small(`Annotations/${id}.xml`, vocXml(item, job.classes, `${id}.jpg`));
      ids.get(item.split)!.push(id);
      if (item.split === 'train' || item.split === 'dev') trainval.push(id);
    },
    async finish(out) {
      const lines = (list: readonly string[]) => list.map((id) => `${id}\n`);
      await out.folder('ImageSets/Main');
      for (const split of SPLITS) await out.large(`ImageSets/Main/${splitName(split, 'voc')}.txt`, lines(ids.get(split)!));
      await out.large('ImageSets/Main/trainval.txt', lines(trainval));
    },
  };
}

/**
 * The formats with a file of rows per split (the transcript manifests, Hugging Face's metadata):
 * each item's rows are kept as text in its split's list (one entry an item, '' for an item
 * without rows), and each split's file written from them once every item is placed.
 */
function splitRows(
  files: ItemFiles,
  rowsOf: (item: DatasetItem) => string,
  splitFile: (split: Split, rows: readonly string[], out: ExportWriter) => Promise<void>,
): ExportLayout {
  const rows = new Map<Split, string[]>(SPLITS.map((split) => [split, []]));
  return {
    async place(item, out) {
      await files(item, out);
      rows.get(item.split)!.push(rowsOf(item));
    },
    async finish(out) {
      for (const split of SPLITS) await splitFile(split, rows.get(split)!, out);
    },
  };
}
