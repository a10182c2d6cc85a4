import { describe, expect, it } from 'vitest';
import { cocoFile, round, type ExportClass } from '../../../shared/dataset/formats/coco';
import type { DatasetItem } from '../../../shared/domain/dataset';
import { mulberry32 } from '../../../shared/assignment/prng';
import { boxItem } from '../../support/dataset-fixtures';

/** The file as plain objects through one `JSON.stringify`: what COCO readers parse, and what the streamed file must equal byte for byte. */
function reference(items: readonly DatasetItem[], classes: readonly ExportClass[], info: { description: string; version: string }): string {
  let id = 1;
  const annotations = items.flatMap((item) =>
    item.label.kind !== 'bbox'
      ? []
      : item.label.boxes.map((box) => {
          const [x1, y1, x2, y2] = [round(box.x1), round(box.y1), round(box.x2), round(box.y2)];
          const [width, height] = [round(x2 - x1), round(y2 - y1)];
          return {
            id: id++,
            image_id: item.sampleId,
            category_id: box.classId,
            bbox: [x1, y1, width, height],
            area: round(width * height),
            iscrowd: 0,
            segmentation: [[x1, y1, x2, y1, x2, y2, x1, y2]],
          };
        }),
  );
  const images = items.map((item) => ({
    id: item.sampleId,
    file_name: item.fileName,
    width: item.width,
    height: item.height,
    concord: { source: item.source, agreement: item.agreement, flagged: item.source === 'flagged' },
  }));
  const categories = classes.map((c) => ({ id: c.id, name: c.name, supercategory: '' }));
  return `${JSON.stringify({ info: { description: info.description, version: info.version }, licenses: [], images, annotations, categories })}\n`;
}

function items(count: number, seed: number): DatasetItem[] {
  const random = mulberry32(seed);
  const sources = ['gold', 'consensus', 'single', 'flagged'] as const;
  // Names a reader must get back exactly: quotes, backslashes, accents, emoji and a control character.
  const names = ['a "quoted" name.jpg', 'back\\slash.png', 'café-été.jpg', 'cat 🐈.jpg', 'tab\there.jpg', 'plain.jpg'];
  return Array.from({ length: count }, (_, i) => {
    const agreement = i % 3 === 0 ? null : random();
    // Fractions that round to 1/1000, a negative coordinate, whole numbers and a tiny box.
    const boxes = Array.from({ length: i % 4 }, (_, b) => {
      const x = b === 1 ? -random() * 5 : random() * 600;
      const y = b === 2 ? 10 : random() * 400;
      return { classId: 1 + (b % 3), x1: x, y1: y, x2: x + (b === 3 ? 1e-4 : random() * 80), y2: y + random() * 60 };
    });
    const fileName = `${i}-${names[i % names.length]!}`;
    const size = i % 7 === 0 ? { width: null, height: null } : {};
    return boxItem(boxes, { sampleId: i + 1, fileName, source: sources[i % sources.length]!, agreement, ...size });
  });
}

describe('a streamed COCO file', () => {
  it('is byte for byte the plain JSON of its images, boxes and categories', () => {
    const classes = [
      { id: 1, name: 'car' },
      { id: 2, name: 'person "walking"' },
      { id: 3, name: 'vélo' },
    ];
    const info = { description: 'Street "v2" dataset v3', version: '3' };
    for (const seed of [1, 2, 3]) {
      const version = items(200, seed);
      expect([...cocoFile(version, classes, info)].join('')).toBe(reference(version, classes, info));
    }
  });

  it('writes a size or area too large for a number as null, as JSON.stringify does', () => {
    const huge = [boxItem([{ classId: 1, x1: -1e308, y1: 0, x2: 1e308, y2: 1e306 }], { sampleId: 1, fileName: 'huge.jpg', agreement: null, width: null })];
    const info = { description: 'd', version: '1' };
    expect([...cocoFile(huge, [{ id: 1, name: 'car' }], info)].join('')).toBe(reference(huge, [{ id: 1, name: 'car' }], info));
  });

  it('writes sample and class ids past 32 bits whole, over more than one block of kept boxes', () => {
    const base = 2 ** 33;
    const many = Array.from({ length: 2_100 }, (_, i) =>
      boxItem(
        [
          { classId: base + 7, x1: i, y1: 1, x2: i + 2.5, y2: 4 },
          { classId: 3, x1: 0.0004, y1: 0, x2: 1, y2: 1 },
        ],
        { sampleId: base + i, fileName: `${i}.jpg` },
      ),
    );
    const classes = [{ id: base + 7, name: 'wide' }];
    const info = { description: 'd', version: '1' };
    expect([...cocoFile(many, classes, info)].join('')).toBe(reference(many, classes, info));
  });

  it('writes an empty split as empty lists', () => {
    expect([...cocoFile([], [], { description: 'd', version: '1' })].join('')).toBe(reference([], [], { description: 'd', version: '1' }));
  });
});
