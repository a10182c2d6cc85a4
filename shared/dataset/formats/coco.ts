import type { DatasetItem } from '../../domain/dataset';

export interface ExportClass {
  id: number;
  name: string;
}

/**
 * A COCO detection file for one split, as chunks to stream (a large split never becomes one
 * string). Image ids are sample ids; `bbox` is [x, y, width, height] in pixels, `area` is
 * width × height, `iscrowd` 0, and `segmentation` the box as a polygon (pycocotools'
 * `annToMask` fails on an empty one); categories keep the project's class ids. Each image also
 * carries `concord` (where its label came from, the labelers' agreement, whether it is an
 * unresolved disagreement), a field COCO readers ignore.
 */
export function* cocoFile(items: readonly DatasetItem[], classes: readonly ExportClass[], info: { description: string; version: string }): Generator<string> {
  // Each entry's text is built directly, as `JSON.stringify` of its object would write it (a
  // test holds the two together byte for byte): at 100,000 images and 500,000 boxes the objects
  // and their arrays were most of the file's cost, and of the garbage collector's.
  yield `{"info":${JSON.stringify({ description: info.description, version: info.version })},"licenses":[],"images":[`;
  let separator = '';
  for (const item of items) {
    yield `${separator}{"id":${json(item.sampleId)},"file_name":${JSON.stringify(item.fileName)},"width":${json(item.width)},"height":${json(item.height)},"concord":{"source":${JSON.stringify(item.source)},"agreement":${json(item.agreement)},"flagged":${item.source === 'flagged'}}}`;
    separator = ',';
  }
  yield '],"annotations":[';
  separator = '';
  let id = 1;
  for (const item of items) {
    if (item.label.kind !== 'bbox') continue;
    let chunk = '';
    const imageId = json(item.sampleId);
    for (const box of item.label.boxes) {
      const x1 = round(box.x1);
      const y1 = round(box.y1);
      const width = round(round(box.x2) - x1);
      const height = round(round(box.y2) - y1);
      const left = json(x1);
      const top = json(y1);
      const right = json(round(box.x2));
      const bottom = json(round(box.y2));
      chunk += `${separator}{"id":${id++},"image_id":${imageId},"category_id":${json(box.classId)},"bbox":[${left},${top},${json(width)},${json(height)}],"area":${json(round(width * height))},"iscrowd":0,"segmentation":[[${left},${top},${right},${top},${right},${bottom},${left},${bottom}]]}`;
      separator = ',';
    }
    if (chunk) yield chunk;
  }
  yield `],"categories":${JSON.stringify(classes.map((c) => ({ id: c.id, name: c.name, supercategory: '' })))}}\n`;
}

/** A number (or null) as `JSON.stringify` writes it: `null` for one that is not finite. */
function json(value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'null' : String(value);
}

/** Coordinates to 1/1000 of a pixel: no float noise from subtraction in the file. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
