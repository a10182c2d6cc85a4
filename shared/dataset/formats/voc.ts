import type { DatasetItem } from '../../domain/dataset';
import type { ExportClass } from './coco';
import { round } from './coco';

/** A Pascal VOC annotation file for one image (corners in pixels, as VOC stores them). */
export function vocXml(item: DatasetItem, classes: readonly ExportClass[], folder: string): string {
  const names = new Map(classes.map((c) => [c.id, c.name]));
  const objects = item.label.kind === 'bbox' ? item.label.boxes : [];
  const lines = [
    '<annotation>',
    `  <folder>${escapeXml(folder)}</folder>`,
    `  <filename>${escapeXml(item.fileName)}</filename>`,
    `  <size><width>${item.width ?? 0}</width><height>${item.height ?? 0}</height><depth>3</depth></size>`,
    '  <segmented>0</segmented>',
    ...objects.map((box) =>
      [
        '  <object>',
        `    <name>${escapeXml(names.get(box.classId) ?? String(box.classId))}</name>`,
        '    <pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>',
        `    <bndbox><xmin>${round(box.x1)}</xmin><ymin>${round(box.y1)}</ymin><xmax>${round(box.x2)}</xmax><ymax>${round(box.y2)}</ymax></bndbox>`,
        '  </object>',
      ].join('\n'),
    ),
    '</annotation>',
  ];
  return `${lines.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
