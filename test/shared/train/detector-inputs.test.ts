import { describe, expect, it } from 'vitest';
import { withBackgroundExamples, withoutBackground } from '../../../shared/train/background-class';
import { cropWindows, detectionScale } from '../../../shared/train/window-crops';

/** A `width` × `height` image whose red channel is x and green channel y, so a pixel says where it came from. */
function coordinateImage(width: number, height: number) {
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set([x, y, 0], (y * width + x) * 3);
  return { width, height, pixels };
}

const at = (crops: Uint8Array, size: number, crop: number, cx: number, cy: number) =>
  Array.from(crops.subarray(((crop * size + cy) * size + cx) * 3, ((crop * size + cy) * size + cx) * 3 + 2));

describe('what a box model trains on and detects with', () => {
  it('cuts a window with a quarter of its size around it, the middle on the window’s middle', () => {
    // Window 40–80 × 20–60 with its margin is 30–90 × 10–70: 6 output pixels of 10 source pixels each, sampled at their middles.
    const crops = cropWindows(coordinateImage(100, 100), [[40, 20, 80, 60]], 6, 1);
    expect(at(crops, 6, 0, 0, 0)).toEqual([35, 15]);
    expect(at(crops, 6, 0, 5, 5)).toEqual([85, 65]);
  });

  it('repeats the edge where the margin reaches past the image, and reads a shrunk image in original pixels', () => {
    const edge = cropWindows(coordinateImage(50, 50), [[0, 0, 20, 20]], 4, 1);
    // The margin starts at −5: the first column and row repeat pixel 0.
    expect(at(edge, 4, 0, 0, 0)).toEqual([0, 0]);
    // The same window on the image shrunk to half: source pixels are halved, the crop covers the same place.
    const full = cropWindows(coordinateImage(100, 100), [[40, 40, 80, 80]], 4, 1);
    const half = cropWindows(coordinateImage(50, 50), [[40, 40, 80, 80]], 4, 0.5);
    expect(at(half, 4, 0, 2, 2)).toEqual(at(full, 4, 0, 2, 2).map((v) => Math.floor(v / 2)));
  });

  it('shrinks images so the smallest window with its margin is about a crop, never enlarging', () => {
    expect(detectionScale([{ width: 96, height: 64 }], 32)).toBeCloseTo(1 / 3);
    expect(detectionScale([{ width: 10, height: 12 }], 32)).toBe(1);
    expect(detectionScale([], 32)).toBe(1);
  });

  it('adds background crops after the examples, all trained on, as a new last class', () => {
    const examples = { inputs: Float32Array.of(1, 2), labels: Int32Array.of(0, 1), classCount: 2, trainOn: [1] };
    const added = withBackgroundExamples(examples, Float32Array.of(7, 8, 9), 3);
    expect(Array.from(added.inputs)).toEqual([1, 2, 7, 8, 9]);
    expect(Array.from(added.labels)).toEqual([0, 1, 2, 2, 2]);
    expect(added).toMatchObject({ classCount: 3, trainOn: [1, 2, 3, 4] });
  });

  it('drops the background column and scales each row back to 1', () => {
    const rows = withoutBackground(Float32Array.of(0.2, 0.2, 0.6, 0.5, 0.25, 0.25, 9, 9, 9), 2, 3, 2);
    expect(Array.from(rows)).toEqual([0.5, 0.5, expect.closeTo(2 / 3), expect.closeTo(1 / 3)]);
  });
});
