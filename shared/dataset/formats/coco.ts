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
  yield `{"info":${JSON.stringify({ description: info.description, version: info.version })},"licenses":[],"images":[`;
  let first = true;
  for (const item of items) {
    // Written out field by field (the bytes `JSON.stringify` gives an object with these keys in
    // this order): at 500,000 boxes an object and a stringify per box were most of the work.
    const concord = `{"source":${JSON.stringify(item.source)},"agreement":${json(item.agreement)},"flagged":${item.source === 'flagged'}}`;
    yield `${first ? '' : ','}{"id":${json(item.sampleId)},"file_name":${JSON.stringify(item.fileName)},"width":${json(item.width)},"height":${json(item.height)},"concord":${concord}}`;
    first = false;
  }
  yield '],"annotations":[';
  first = true;
  let id = 1;
  for (const item of items) {
    if (item.label.kind !== 'bbox') continue;
    let chunk = '';
    for (const box of item.label.boxes) {
      const x1 = round(box.x1);
      const y1 = round(box.y1);
      const x2 = round(box.x2);
      const y2 = round(box.y2);
      const width = round(x2 - x1);
      const height = round(y2 - y1);
      const [left, top, right, bottom] = [json(x1), json(y1), json(x2), json(y2)];
      chunk +=
        `${first ? '' : ','}{"id":${id++},"image_id":${json(item.sampleId)},"category_id":${json(box.classId)},` +
        `"bbox":[${left},${top},${json(width)},${json(height)}],"area":${json(round(width * height))},"iscrowd":0,` +
        `"segmentation":[[${left},${top},${right},${top},${right},${bottom},${left},${bottom}]]}`;
      first = false;
    }
    if (chunk) yield chunk;
  }
  yield `],"categories":${JSON.stringify(classes.map((c) => ({ id: c.id, name: c.name, supercategory: '' })))}}\n`;
}

/** A number (or null) as `JSON.stringify` writes it: `null` for what JSON cannot hold. */
function json(value: number | null): string {
  return value !== null && Number.isFinite(value) ? String(value) : 'null';
}

/** Coordinates to 1/1000 of a pixel: no float noise from subtraction in the file. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
