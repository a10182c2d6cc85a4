import type { DatasetItem } from '../../domain/dataset';
import { classIndexOf } from './class-index';
import type { ExportClass } from './coco';

/**
 * One YOLO label file: a line per box, `class x_center y_center width height`, all normalised
 * to the image size, six decimals; the class is its index in `classes` (as in data.yaml).
 */
export function yoloLabel(item: DatasetItem, classes: readonly ExportClass[]): string {
  if (item.label.kind !== 'bbox' || !item.width || !item.height) return '';
  const index = classIndexOf(classes);
  const { width, height } = item;
  // One string grown box by box: no arrays per box or per value for 100,000 files' half a million boxes.
  let text = '';
  for (const box of item.label.boxes)
    text += `${index.get(box.classId)!} ${((box.x1 + box.x2) / 2 / width).toFixed(6)} ${((box.y1 + box.y2) / 2 / height).toFixed(6)} ${((box.x2 - box.x1) / width).toFixed(6)} ${((box.y2 - box.y1) / height).toFixed(6)}\n`;
  return text;
}

/**
 * `data.yaml` as YOLOv5 and Ultralytics read it: `path` is the dataset's folder, given whole
 * (`/data/street-v1`), the split folders relative to it, and the class names in index order.
 * Neither reads a relative `path` against the yaml's own folder: YOLOv5 reads it against its
 * own install, Ultralytics against the working directory or its datasets folder. So the
 * export writes where it is; a moved folder needs this one line changed (current Ultralytics
 * also reads the yaml's own folder when `path` is left out).
 * @example yoloDataYaml('/data/v1', [{ id: 4, name: 'car' }], ['train', 'val']) // "path: \"/data/v1\"\ntrain: images/train\n…"
 */
export function yoloDataYaml(root: string, classes: readonly ExportClass[], splits: readonly string[]): string {
  const lines = [`path: ${JSON.stringify(root)}`, ...splits.map((split) => `${split}: images/${split}`), `nc: ${classes.length}`, 'names:'];
  classes.forEach((c, i) => lines.push(`  ${i}: ${JSON.stringify(c.name)}`));
  return `${lines.join('\n')}\n`;
}
