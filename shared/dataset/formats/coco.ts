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
    const concord = { source: item.source, agreement: item.agreement, flagged: item.source === 'flagged' };
    yield `${first ? '' : ','}${JSON.stringify({ id: item.sampleId, file_name: item.fileName, width: item.width, height: item.height, concord })}`;
    first = false;
  }
  yield '],"annotations":[';
  first = true;
  let id = 1;
  for (const item of items) {
    if (item.label.kind !== 'bbox') continue;
    let chunk = '';
    for (const box of item.label.boxes) {
      const [x1, y1, x2, y2] = [round(box.x1), round(box.y1), round(box.x2), round(box.y2)];
      const width = round(x2 - x1);
      const height = round(y2 - y1);
      const annotation = {
        id: id++,
        image_id: item.sampleId,
        category_id: box.classId,
        bbox: [x1, y1, width, height],
        area: round(width * height),
        iscrowd: 0,
        segmentation: [[x1, y1, x2, y1, x2, y2, x1, y2]],
      };
      chunk += `${first ? '' : ','}${JSON.stringify(annotation)}`;
      first = false;
    }
    if (chunk) yield chunk;
  }
  yield `],"categories":${JSON.stringify(classes.map((c) => ({ id: c.id, name: c.name, supercategory: '' })))}}\n`;
}

/** Coordinates to 1/1000 of a pixel: no float noise from subtraction in the file. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
