import { describe, expect, it } from 'vitest';
import { yoloLabel } from '../../../shared/dataset/formats/yolo';
import { mulberry32 } from '../../../shared/assignment/prng';
import { boxItem } from '../../support/dataset-fixtures';

const classes = [
  { id: 7, name: 'car' },
  { id: 3, name: 'person' },
];

describe('a YOLO label file', () => {
  it('has a line per box: the class index as in data.yaml, then centre and size over the image, six decimals', () => {
    const text = yoloLabel(
      boxItem([
        { classId: 3, x1: 64, y1: 48, x2: 192, y2: 144 },
        { classId: 7, x1: 0, y1: 0, x2: 640, y2: 480 },
      ]),
      classes,
    );
    expect(text).toBe('1 0.200000 0.200000 0.200000 0.200000\n0 0.500000 0.500000 1.000000 1.000000\n');
  });

  it('gives the same lines for the same boxes whatever class list came before (indexes follow each list)', () => {
    const random = mulberry32(5);
    const boxes = Array.from({ length: 50 }, () => {
      const x = random() * 600;
      const y = random() * 400;
      return { classId: random() < 0.5 ? 3 : 7, x1: x, y1: y, x2: x + random() * 40, y2: y + random() * 80 };
    });
    const lines = yoloLabel(boxItem(boxes), classes).trimEnd().split('\n');
    expect(lines).toHaveLength(50);
    lines.forEach((line, i) => {
      const box = boxes[i]!;
      const expected = [box.classId === 7 ? 0 : 1, (box.x1 + box.x2) / 1280, (box.y1 + box.y2) / 960, (box.x2 - box.x1) / 640, (box.y2 - box.y1) / 480];
      expect(line).toBe(expected.map((v, k) => (k === 0 ? String(v) : v.toFixed(6))).join(' '));
    });
    // Another export's list, with the classes in another order, numbers them its own way.
    expect(yoloLabel(boxItem([boxes[0]!]), [classes[1]!, classes[0]!]).split(' ')[0]).toBe(boxes[0]!.classId === 7 ? '1' : '0');
  });

  it('is empty for an image without boxes or without a size', () => {
    expect(yoloLabel(boxItem([]), classes)).toBe('');
    expect(yoloLabel(boxItem([{ classId: 7, x1: 1, y1: 1, x2: 2, y2: 2 }], { width: null }), classes)).toBe('');
  });
});
