import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { boxIoU } from '../../../shared/metrics/box-iou';
import { backgroundWindows, slidingWindows, windowSizes, withContext } from '../../../shared/train/sliding-windows';
import { nonMaxSuppression, windowDetections } from '../../../shared/train/window-detections';

describe('sliding windows for a crop classifier', () => {
  it('takes window sizes from the labelled boxes: median width and height of each third by area', () => {
    const boxes = [
      [0, 0, 10, 10],
      [0, 0, 12, 8],
      [0, 0, 20, 40],
      [0, 0, 24, 36],
      [0, 0, 60, 60],
      [0, 0, 64, 64],
    ] as const;
    expect(windowSizes(boxes, 3)).toEqual([
      { width: 11, height: 9 },
      { width: 22, height: 38 },
      { width: 62, height: 62 },
    ]);
    // Fewer boxes than sizes: one size each, duplicates once.
    expect(
      windowSizes(
        [
          [0, 0, 5, 5],
          [10, 10, 15, 15],
        ],
        3,
      ),
    ).toEqual([{ width: 5, height: 5 }]);
    expect(windowSizes([], 3)).toEqual([]);
  });

  it('steps each size across the image by a quarter of its side, the last flush with the edge', () => {
    const windows = slidingWindows(20, 10, [
      { width: 8, height: 8 },
      { width: 30, height: 5 },
    ]);
    // x at 0, 2, …, 10, 12 (flush); y at 0, 2 (flush): the too-wide size is left out.
    expect(windows).toHaveLength(7 * 2);
    expect(windows[0]).toEqual([0, 0, 8, 8]);
    expect(windows.at(-1)).toEqual([12, 2, 20, 10]);
    expect(windows.every(([x1, y1, x2, y2]) => x1 >= 0 && y1 >= 0 && x2 <= 20 && y2 <= 10)).toBe(true);
  });

  it('draws background windows inside the image that overlap no labelled box by IoU 0.1 or more', () => {
    const labelled = [[10, 10, 30, 30]] as const;
    const windows = backgroundWindows(64, 64, labelled, [{ width: 12, height: 12 }], 40, mulberry32(1));
    expect(windows).toHaveLength(40);
    for (const w of windows) {
      expect(boxIoU(w, labelled[0])).toBeLessThan(0.1);
      expect(w[0] >= 0 && w[1] >= 0 && w[2] <= 64 && w[3] <= 64).toBe(true);
    }
    // An image the box fills leaves no room: none, rather than a box's crop called background.
    expect(backgroundWindows(20, 20, [[0, 0, 20, 20]], [{ width: 12, height: 12 }], 5, mulberry32(1))).toEqual([]);
  });

  it('cuts a crop with a quarter of the window around it', () => {
    expect(withContext([10, 20, 18, 40])).toEqual([8, 15, 20, 45]);
  });
});

describe('detections from window class probabilities', () => {
  const windows = [
    [0, 0, 10, 10],
    [2, 0, 12, 10],
    [40, 40, 50, 50],
    [0, 40, 10, 50],
  ] as const;
  // Classes: cat, dog, background.
  const probabilities = Float32Array.of(0.9, 0.05, 0.05, 0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.2, 0.5);

  it('keeps windows whose surest non-background class passes the threshold', () => {
    expect(windowDetections(windows, probabilities, 3, 2, 0.6).map((d) => [d.box, d.classIndex])).toEqual([
      [[0, 0, 10, 10], 0],
      [[2, 0, 12, 10], 0],
      [[40, 40, 50, 50], 1],
    ]);
    // The background's 0.5 is never a box; its window's best object class (0.3) can be, at a low threshold.
    expect(windowDetections(windows, probabilities, 3, 2, 0.25).at(-1)).toEqual({ box: [0, 40, 10, 50], classIndex: 0, score: expect.closeTo(0.3, 5) });
    expect(() => windowDetections(windows, probabilities, 2, 1, 0.5)).toThrow('expected 4 × 2 probabilities, got 12');
  });

  it('keeps the surest of overlapping windows of one class, not across classes, and at most the cap', () => {
    const detections = [
      { box: [0, 0, 10, 10] as const, classIndex: 0, score: 0.7 },
      { box: [2, 0, 12, 10] as const, classIndex: 0, score: 0.9 },
      { box: [2, 0, 12, 10] as const, classIndex: 1, score: 0.8 },
      { box: [40, 40, 50, 50] as const, classIndex: 0, score: 0.6 },
    ];
    expect(nonMaxSuppression(detections, 0.5).map((d) => d.score)).toEqual([0.9, 0.8, 0.6]);
    expect(nonMaxSuppression(detections, 0.5, 2).map((d) => d.score)).toEqual([0.9, 0.8]);
    // IoU of the two class-0 windows is 8/12: kept both when the limit is above it.
    expect(nonMaxSuppression(detections, 0.7)).toHaveLength(4);
  });
});
