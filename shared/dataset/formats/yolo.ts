import type { DatasetItem } from '../../domain/dataset';
import type { ExportClass } from './coco';

/**
 * One YOLO label file: a line per box, `class x_center y_center width height`, all normalised
 * to the image size, six decimals; the class is its index in `classes` (as in data.yaml).
 */
export function yoloLabel(item: DatasetItem, classes: readonly ExportClass[]): string {
  if (item.label.kind !== 'bbox' || !item.width || !item.height) return '';
  const index = new Map(classes.map((c, i) => [c.id, i]));
  const { width, height } = item;
  return item.label.boxes
    .map((box) =>
      [index.get(box.classId)!, (box.x1 + box.x2) / 2 / width, (box.y1 + box.y2) / 2 / height, (box.x2 - box.x1) / width, (box.y2 - box.y1) / height]
        .map((value, i) => (i === 0 ? String(value) : value.toFixed(6)))
        .join(' '),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * `data.yaml` as Ultralytics reads it: split folders relative to the yaml's own folder (no
 * `path`: a relative one would be read against Ultralytics' datasets folder), and the class
 * names in index order.
 */
export function yoloDataYaml(classes: readonly ExportClass[], splits: readonly string[]): string {
  const folders = { train: 'images/train', dev: 'images/dev', test: 'images/test' } as Record<string, string>;
  const lines = [...splits.map((split) => `${split === 'dev' ? 'val' : split}: ${folders[split]}`), `nc: ${classes.length}`, 'names:'];
  classes.forEach((c, i) => lines.push(`  ${i}: ${JSON.stringify(c.name)}`));
  return `${lines.join('\n')}\n`;
}
