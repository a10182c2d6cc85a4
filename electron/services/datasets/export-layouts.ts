import { CocoSplitText, type CocoInfo, type ExportClass } from '../../../shared/dataset/formats/coco';
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
 * The image formats keep no item: a large version is never held whole.
 */
export interface ExportLayout {
  place(item: DatasetItem, out: ExportWriter): Promise<void>;
  finish(out: ExportWriter): Promise<void>;
}

/** Places one item's own files in an export. */
type ItemFiles = (item: DatasetItem, out: ExportWriter) => Promise<void>;

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
      return heldItems(
        (item, out) => out.media(item, `${named(item.split)}/audio/${item.fileName}`),
        async (items, out) => {
          for (const split of SPLITS) {
            await out.folder(`${named(split)}/audio`);
            await out.large(
              `${named(split)}/manifest.jsonl`,
              jsonlRows(inSplit(items, split), (item) => `audio/${item.fileName}`),
            );
          }
        },
      );
    case 'csv':
      return heldItems(
        (item, out) => out.media(item, `${named(item.split)}/${item.fileName}`),
        async (items, out) => {
          for (const split of SPLITS) {
            await out.folder(named(split));
            await out.large(
              `${named(split)}/metadata.csv`,
              csvRows(inSplit(items, split), (item) => item.fileName),
            );
          }
        },
      );
    case 'huggingface':
      return heldItems(
        (item, out) => out.media(item, `${named(item.split)}/${item.fileName}`),
        async (items, out) => {
          for (const split of SPLITS) {
            const ofSplit = inSplit(items, split);
            // A split folder with no data would be a split the loader cannot read.
            if (ofSplit.length === 0) continue;
            await out.large(`${named(split)}/metadata.jsonl`, job.kind === 'bbox' ? imagefolderRows(ofSplit, job.classes) : audiofolderRows(ofSplit));
          }
        },
      );
    case 'label-studio':
      return heldItems(
        (item, out) => out.media(item, `media/${item.fileName}`),
        (items, out) => writeLabelStudio(job, items, out),
      );
    case 'cvat':
      return heldItems(
        (item, out) => out.media(item, `images/${item.fileName}`),
        (items, out) => writeCvat(job, items, out),
      );
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

/** The formats whose files from many items are made from the items themselves: their items are kept until every one is placed. */
function heldItems(files: ItemFiles, finish: (items: readonly DatasetItem[], out: ExportWriter) => Promise<void>): ExportLayout {
  const items: DatasetItem[] = [];
  return {
    async place(item, out) {
      await files(item, out);
      items.push(item);
    },
    finish: (out) => finish(items, out),
  };
}

function inSplit(items: readonly DatasetItem[], split: Split): DatasetItem[] {
  return items.filter((item) => item.split === split);
}
