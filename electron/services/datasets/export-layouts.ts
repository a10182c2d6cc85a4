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
  items: readonly DatasetItem[];
  classes: readonly ExportClass[];
  /** The folder the export will have once renamed into place. */
  finalRoot: string;
  info: { description: string; version: string };
}

/**
 * Each format's folders and files, as its readers expect them. Splits are named as each
 * format names them (`splitName`): `val` for the app's dev split, `validation` for Hugging Face.
 */
export async function writeLayout(job: LayoutJob, out: ExportWriter): Promise<void> {
  const bySplit = (split: Split) => job.items.filter((item) => item.split === split);
  const named = (split: Split) => splitName(split, job.format);
  switch (job.format) {
    case 'coco':
      for (const split of SPLITS) {
        const items = bySplit(split);
        await out.folder(`${named(split)}/images`);
        await mediaBesideText(out, items, (item) => `${named(split)}/images/${item.fileName}`, {
          path: `${named(split)}/annotations.json`,
          chunks: cocoFile(items, job.classes, job.info),
        });
      }
      break;
    case 'yolo':
      for (const split of SPLITS) {
        await out.folder(`images/${named(split)}`);
        await out.folder(`labels/${named(split)}`);
        for (const item of bySplit(split)) {
          await out.media(item, `images/${named(split)}/${item.fileName}`);
          await out.small(`labels/${named(split)}/${stemOf(item.fileName)}.txt`, yoloLabel(item, job.classes));
        }
      }
      await out.small('data.yaml', yoloDataYaml(job.finalRoot, job.classes, SPLITS.map(named)));
      break;
    case 'voc':
      await writeVoc(job, out);
      break;
    case 'jsonl':
      for (const split of SPLITS) {
        const items = bySplit(split);
        await out.folder(`${named(split)}/audio`);
        await mediaBesideText(out, items, (item) => `${named(split)}/audio/${item.fileName}`, {
          path: `${named(split)}/manifest.jsonl`,
          chunks: jsonlRows(items, (item) => `audio/${item.fileName}`),
        });
      }
      break;
    case 'csv':
      for (const split of SPLITS) {
        const items = bySplit(split);
        await out.folder(named(split));
        await mediaBesideText(out, items, (item) => `${named(split)}/${item.fileName}`, {
          path: `${named(split)}/metadata.csv`,
          chunks: csvRows(items, (item) => item.fileName),
        });
      }
      break;
    case 'huggingface':
      for (const split of SPLITS) {
        const items = bySplit(split);
        // A split folder with no data would be a split the loader cannot read.
        if (items.length === 0) continue;
        await mediaBesideText(out, items, (item) => `${named(split)}/${item.fileName}`, {
          path: `${named(split)}/metadata.jsonl`,
          chunks: job.kind === 'bbox' ? imagefolderRows(items, job.classes) : audiofolderRows(items),
        });
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
 * Places the items' media and streams a text file at the same time: past an export's first
 * files the links are made by the writer's worker thread, and this thread formats the text
 * while it waits for them, instead of the text starting after the last link (a COCO export's
 * 80,000-image train split spent ~1.6 s on its links, then ~1.1 s on its annotations, in turn).
 * Both have finished, or failed, before this returns: a failing export's folder is removed
 * only once nothing is still writing into it.
 */
export async function mediaBesideText(
  out: ExportWriter,
  items: readonly DatasetItem[],
  mediaPath: (item: DatasetItem) => string,
  text: { path: string; chunks: Iterable<string> },
): Promise<void> {
  const placed = (async () => {
    for (const item of items) await out.media(item, mediaPath(item));
  })();
  const [media, written] = await Promise.allSettled([placed, out.large(text.path, text.chunks)]);
  if (media.status === 'rejected') throw media.reason;
  if (written.status === 'rejected') throw written.reason;
}

/**
 * Pascal VOC as detectron2 and torchvision read it: one folder of JPEGs (`JPEGImages/<id>.jpg`,
 * other formats converted), an XML per image (`Annotations/<id>.xml`, 1-based pixels), and a
 * list of ids per split in `ImageSets/Main` (`train`, `val`, `test`, and `trainval`, train and
 * val together).
 */
async function writeVoc(job: LayoutJob, out: ExportWriter): Promise<void> {
  for (const item of job.items) {
    const id = stemOf(item.fileName);
    await out.media(item, `JPEGImages/${id}.jpg`, { jpeg: true });
    await out.small(`Annotations/${id}.xml`, vocXml(item, job.classes, `${id}.jpg`));
  }
  const list = (splits: readonly Split[]) => job.items.filter((item) => splits.includes(item.split)).map((item) => `${stemOf(item.fileName)}\n`);
  await out.folder('ImageSets/Main');
  for (const split of SPLITS) await out.large(`ImageSets/Main/${splitName(split, 'voc')}.txt`, list([split]));
  await out.large('ImageSets/Main/trainval.txt', list(['train', 'dev']));
}
