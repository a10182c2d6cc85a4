import type { Box } from '../../annotation/payload';
import type { DatasetItem } from '../../domain/dataset';
import type { ExportClass } from './coco';

/** A box in Pascal VOC's pixels: 1-based, whole, both ends inclusive. */
export interface VocBox {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

/**
 * A box's corners in VOC's convention. Concord's corners are edges between pixels, counted
 * from 0 (the left edge of the image is x = 0); VOC counts pixels from 1 and names the first
 * and last pixel inside the box, so a box from edge 0 to edge 10 covers pixels 1 to 10. Edges
 * are rounded to the nearest whole pixel, the box keeps at least one pixel, and stays inside the
 * image when its size is known. detectron2 reads `xmin - 1` back, so it sees the rounded edges.
 * @example vocBox({ x1: 0, y1: 0.4, x2: 10.2, y2: 5 }, 640, 480) // { xmin: 1, ymin: 1, xmax: 10, ymax: 5 }
 */
export function vocBox(box: Pick<Box, 'x1' | 'y1' | 'x2' | 'y2'>, width: number | null, height: number | null): VocBox {
  const axis = (low: number, high: number, size: number | null) => {
    const first = Math.max(1, Math.round(low) + 1);
    const last = Math.max(first, Math.round(high));
    return size ? [Math.min(first, size), Math.min(last, size)] : [first, last];
  };
  const [xmin, xmax] = axis(box.x1, box.x2, width);
  const [ymin, ymax] = axis(box.y1, box.y2, height);
  return { xmin: xmin!, ymin: ymin!, xmax: xmax!, ymax: ymax! };
}

/**
 * Back from VOC's 1-based pixels to Concord's 0-based edges (as detectron2 reads them).
 * @example fromVocBox({ xmin: 1, ymin: 1, xmax: 10, ymax: 5 }) // { x1: 0, y1: 0, x2: 10, y2: 5 }
 */
export function fromVocBox(box: VocBox): { x1: number; y1: number; x2: number; y2: number } {
  return { x1: box.xmin - 1, y1: box.ymin - 1, x2: box.xmax, y2: box.ymax };
}

/**
 * A Pascal VOC annotation file for one image, named `imageName` under `JPEGImages/`. Like COCO's
 * `concord` field, a `<concord>` element (which VOC readers skip) holds where the label came
 * from and whether it is an unresolved disagreement kept in the version (`<flagged>1</flagged>`).
 */
export function vocXml(item: DatasetItem, classes: readonly ExportClass[], imageName: string): string {
  const names = new Map(classes.map((c) => [c.id, c.name]));
  const objects = item.label.kind === 'bbox' ? item.label.boxes : [];
  const lines = [
    '<annotation>',
    '  <folder>JPEGImages</folder>',
    `  <filename>${escapeXml(imageName)}</filename>`,
    `  <size><width>${item.width ?? 0}</width><height>${item.height ?? 0}</height><depth>3</depth></size>`,
    '  <segmented>0</segmented>',
    `  <concord><source>${item.source}</source><flagged>${item.source === 'flagged' ? 1 : 0}</flagged></concord>`,
    ...objects.map((box) => {
      const { xmin, ymin, xmax, ymax } = vocBox(box, item.width, item.height);
      return [
        '  <object>',
        `    <name>${escapeXml(names.get(box.classId) ?? String(box.classId))}</name>`,
        '    <pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>',
        `    <bndbox><xmin>${xmin}</xmin><ymin>${ymin}</ymin><xmax>${xmax}</xmax><ymax>${ymax}</ymax></bndbox>`,
        '  </object>',
      ].join('\n');
    }),
    '</annotation>',
  ];
  return `${lines.join('\n')}\n`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
