import { describe, expect, it } from 'vitest';
import { splitName } from '../../../shared/dataset/formats/split-names';
import { fromVocBox, vocBox } from '../../../shared/dataset/formats/voc';

describe('Pascal VOC pixels', () => {
  it('count from 1, so a box at the left and top edges starts at pixel 1 (never 0 or -1 after detectron2 subtracts 1)', () => {
    expect(vocBox({ x1: 0, y1: 0, x2: 10, y2: 5 }, 640, 480)).toEqual({ xmin: 1, ymin: 1, xmax: 10, ymax: 5 });
    expect(vocBox({ x1: 0.4, y1: 0.6, x2: 10.2, y2: 5.5 }, 640, 480)).toEqual({ xmin: 1, ymin: 2, xmax: 10, ymax: 6 });
  });

  it('stay whole, inside the image, and at least one pixel wide', () => {
    expect(vocBox({ x1: 630.2, y1: 470, x2: 640, y2: 480 }, 640, 480)).toEqual({ xmin: 631, ymin: 471, xmax: 640, ymax: 480 });
    expect(vocBox({ x1: 5.1, y1: 5.1, x2: 5.3, y2: 5.3 }, 640, 480)).toEqual({ xmin: 6, ymin: 6, xmax: 6, ymax: 6 });
  });

  it('read back as the rounded edges', () => {
    expect(fromVocBox(vocBox({ x1: 2.4, y1: 3.6, x2: 20.5, y2: 30.49 }, null, null))).toEqual({ x1: 2, y1: 4, x2: 21, y2: 30 });
  });
});

describe('split names in files', () => {
  it('are val for the dev split, validation for Hugging Face, and train and test as they are', () => {
    expect((['coco', 'yolo', 'voc', 'jsonl', 'csv'] as const).map((format) => splitName('dev', format))).toEqual(['val', 'val', 'val', 'val', 'val']);
    expect(splitName('dev', 'huggingface')).toBe('validation');
    expect([splitName('train', 'huggingface'), splitName('test', 'voc')]).toEqual(['train', 'test']);
  });
});
