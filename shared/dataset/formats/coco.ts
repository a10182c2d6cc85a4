import type { DatasetItem } from '../../domain/dataset';

export interface ExportClass {
  id: number;
  name: string;
}

export interface CocoInfo {
  description: string;
  version: string;
}

/**
 * A COCO detection file for one split, as chunks to stream (a large split never becomes one
 * string). Image ids are sample ids; `bbox` is [x, y, width, height] in pixels, `area` is
 * width × height, `iscrowd` 0, and `segmentation` the box as a polygon (pycocotools'
 * `annToMask` fails on an empty one); categories keep the project's class ids. Each image also
 * carries `concord` (where its label came from, the labelers' agreement, whether it is an
 * unresolved disagreement), a field COCO readers ignore. An export that reads its version page
 * by page writes the same text with {@link CocoSplitText}.
 */
export function* cocoFile(items: readonly DatasetItem[], classes: readonly ExportClass[], info: CocoInfo): Generator<string> {
  const text = new CocoSplitText();
  for (const item of items) text.add(item);
  yield* text.chunks(classes, info);
}

/** Annotations per chunk of {@link CocoSplitText.chunks}: the writer joins chunks into 64 KiB writes, and a string grown by thousands of `+=` costs more to write. */
const ANNOTATIONS_PER_CHUNK = 50;

/**
 * One split's COCO file, its items given one at a time as an export reads them, without keeping
 * them: COCO lists every image before any annotation, so each image's entry is kept as its text
 * and each of its boxes as six numbers (image and class ids, four corners: 48 bytes a box)
 * until the last image is in.
 * @example const text = new CocoSplitText(); text.add(item); [...text.chunks(classes, info)].join('') // cocoFile([item], classes, info)'s text
 */
export class CocoSplitText {
  private readonly images: string[] = [];
  /**
   * `BOX_NUMBERS` a box (image id, class id, x1, y1, x2, y2; ids as doubles too: a sample id may
   * be past 32 bits), in blocks of `BLOCK_BOXES` boxes: never copied to grow, nor half empty.
   */
  private readonly blocks: Float64Array[] = [];
  private boxCount = 0;

  /** Keeps the item's image entry and its boxes. */
  add(item: DatasetItem): void {
    const concord = { source: item.source, agreement: item.agreement, flagged: item.source === 'flagged' };
    this.images.push(JSON.stringify({ id: item.sampleId, file_name: item.fileName, width: item.width, height: item.height, concord }));
    if (item.label.kind === 'bbox') for (const box of item.label.boxes) this.keep(item.sampleId, box);
  }

  /** The whole file: every image added, their annotations in the same order numbered from 1, the categories. */
  *chunks(classes: readonly ExportClass[], info: CocoInfo): Generator<string> {
    yield `{"info":${JSON.stringify({ description: info.description, version: info.version })},"licenses":[],"images":[`;
    for (const [index, image] of this.images.entries()) yield index === 0 ? image : `,${image}`;
    yield '],"annotations":[';
    for (let start = 0; start < this.boxCount; start += ANNOTATIONS_PER_CHUNK) {
      let chunk = '';
      for (let index = start; index < Math.min(this.boxCount, start + ANNOTATIONS_PER_CHUNK); index++) {
        const boxes = this.blocks[Math.floor(index / BLOCK_BOXES)]!;
        const at = BOX_NUMBERS * (index % BLOCK_BOXES);
        const [x1, y1, x2, y2] = [round(boxes[at + 2]!), round(boxes[at + 3]!), round(boxes[at + 4]!), round(boxes[at + 5]!)];
        const width = round(x2 - x1);
        const height = round(y2 - y1);
        const annotation = {
          id: index + 1,
          image_id: boxes[at]!,
          category_id: boxes[at + 1]!,
          bbox: [x1, y1, width, height],
          area: round(width * height),
          iscrowd: 0,
          segmentation: [[x1, y1, x2, y1, x2, y2, x1, y2]],
        };
        chunk += `${index === 0 ? '' : ','}${JSON.stringify(annotation)}`;
      }
      yield chunk;
    }
    yield `],"categories":${JSON.stringify(classes.map((c) => ({ id: c.id, name: c.name, supercategory: '' })))}}\n`;
  }

  private keep(imageId: number, box: { classId: number; x1: number; y1: number; x2: number; y2: number }): void {
    const inBlock = this.boxCount++ % BLOCK_BOXES;
    if (inBlock === 0) this.blocks.push(new Float64Array(BOX_NUMBERS * BLOCK_BOXES));
    const boxes = this.blocks.at(-1)!;
    const at = BOX_NUMBERS * inBlock;
    boxes[at] = imageId;
    boxes[at + 1] = box.classId;
    boxes[at + 2] = box.x1;
    boxes[at + 3] = box.y1;
    boxes[at + 4] = box.x2;
    boxes[at + 5] = box.y2;
  }
}

const BOX_NUMBERS = 6;
const BLOCK_BOXES = 4096;

/** Coordinates to 1/1000 of a pixel: no float noise from subtraction in the file. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
