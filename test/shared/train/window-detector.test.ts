import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32, type Random } from '../../../shared/assignment/prng';
import { matchBoxes } from '../../../shared/metrics/box-matching';
import type { BoxCorners } from '../../../shared/metrics/box-iou';
import { detectBoxes } from '../../../shared/train/detect-boxes';
import { backgroundWindows, windowSizes } from '../../../shared/train/sliding-windows';
import { cropWindows } from '../../../shared/train/window-crops';
import { predictClasses, smallCnn, trainClassifier } from '../../../shared/train/small-cnn';
import type { Detection } from '../../../shared/train/window-detections';

const SIDE = 48;
const CROP = 12;
const COLOURS = [
  [230, 159, 0],
  [86, 180, 233],
] as const;
const BACKGROUND = COLOURS.length;

interface Drawn {
  pixels: Uint8Array;
  boxes: { box: BoxCorners; classIndex: number }[];
}

/** A noisy grey-ish picture with one to three rectangles of two colours (classes) that do not overlap. */
function drawImage(random: Random): Drawn {
  const pixels = new Uint8Array(SIDE * SIDE * 3);
  const base = 60 + Math.floor(random() * 80);
  for (let i = 0; i < pixels.length; i++) pixels[i] = base + Math.floor(random() * 40);
  const boxes: Drawn['boxes'] = [];
  const wanted = 1 + Math.floor(random() * 3);
  for (let attempt = 0; attempt < 50 && boxes.length < wanted; attempt++) {
    const width = 10 + Math.floor(random() * 9);
    const height = 10 + Math.floor(random() * 9);
    const x = Math.floor(random() * (SIDE - width));
    const y = Math.floor(random() * (SIDE - height));
    const box = [x, y, x + width, y + height] as const;
    if (boxes.some((b) => b.box[0] < box[2] + 2 && box[0] < b.box[2] + 2 && b.box[1] < box[3] + 2 && box[1] < b.box[3] + 2)) continue;
    const classIndex = Math.floor(random() * COLOURS.length);
    for (let py = y; py < y + height; py++) for (let px = x; px < x + width; px++) pixels.set(COLOURS[classIndex]!, (py * SIDE + px) * 3);
    boxes.push({ box, classIndex });
  }
  return { pixels, boxes };
}

/** The wired cropper (the service's and the worker's), scaled to 0–1 as the trainer takes crops. */
function crops(pixels: Uint8Array, windows: readonly BoxCorners[]): Float32Array {
  return Float32Array.from(cropWindows({ width: SIDE, height: SIDE, pixels }, windows, CROP, 1), (byte) => byte / 255);
}

/** Matched boxes (IoU ≥ 0.5, within each class), proposed boxes and true boxes over all images. */
function tally(truth: readonly Drawn['boxes'][], proposed: readonly Detection[][]) {
  let tp = 0;
  let predicted = 0;
  let actual = 0;
  truth.forEach((boxes, i) => {
    for (let c = 0; c < COLOURS.length; c++) {
      const of = <T extends { classIndex: number; box: BoxCorners }>(list: readonly T[]) => list.filter((b) => b.classIndex === c).map((b) => b.box);
      tp += matchBoxes(of(boxes), of(proposed[i]!)).tp;
    }
    predicted += proposed[i]!.length;
    actual += boxes.length;
  });
  return { precision: tp / predicted, recall: tp / actual, f1: (2 * tp) / (predicted + actual) };
}

describe('the image baseline as a sliding-window detector, through the crops and detection the app uses (tfjs, CPU backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('finds the objects of held-out images far better than random boxes of the same sizes', async () => {
    const random = mulberry32(7);
    const training = Array.from({ length: 40 }, () => drawImage(random));
    const heldOut = Array.from({ length: 12 }, () => drawImage(random));
    const sizes = windowSizes(training.flatMap((image) => image.boxes.map((b) => b.box)));

    // Object crops plus background crops overlapping no box (IoU < 0.1), about 3 in 5 of all crops.
    const windows: BoxCorners[][] = training.map((image) => [
      ...image.boxes.map((b) => b.box),
      ...backgroundWindows(
        SIDE,
        SIDE,
        image.boxes.map((b) => b.box),
        sizes,
        Math.round(1.5 * image.boxes.length),
        random,
      ),
    ]);
    const labels = Int32Array.from(training.flatMap((image, i) => windows[i]!.map((_, w) => image.boxes[w]?.classIndex ?? BACKGROUND)));
    const inputs = new Float32Array(labels.length * CROP * CROP * 3);
    let at = 0;
    training.forEach((image, i) => {
      const cut = crops(image.pixels, windows[i]!);
      inputs.set(cut, at);
      at += cut.length;
    });
    const model = smallCnn([CROP, CROP, 3], COLOURS.length + 1, 3);
    await trainClassifier(model, { shape: [CROP, CROP, 3], inputs, labels, classCount: COLOURS.length + 1 }, { epochs: 15, batchSize: 16, learningRate: 0.01 });

    // Found as the prediction worker finds them: windows of the label sizes, cut alike, background left out, per-class NMS.
    const detector = { windows: sizes, cropSize: CROP, scale: 1, background: BACKGROUND };
    const classify = (inputs: Float32Array) => Float32Array.from(predictClasses(model, { shape: [CROP, CROP, 3], inputs }).flat());
    const proposed = await Promise.all(
      heldOut.map((image) =>
        detectBoxes({ width: SIDE, height: SIDE, pixels: image.pixels }, { width: SIDE, height: SIDE }, detector, COLOURS.length + 1, classify, 0.9),
      ),
    );
    model.dispose();
    const found = tally(
      heldOut.map((image) => image.boxes),
      proposed,
    );

    // The same boxes (size, class) put anywhere in the image, averaged over a few draws.
    const chance = mulberry32(11);
    const randomF1s = Array.from(
      { length: 5 },
      () =>
        tally(
          heldOut.map((image) => image.boxes),
          proposed.map((boxes) =>
            boxes.map(({ box, classIndex, score }) => {
              const [w, h] = [box[2] - box[0], box[3] - box[1]];
              const [x, y] = [Math.floor(chance() * (SIDE - w + 1)), Math.floor(chance() * (SIDE - h + 1))];
              return { box: [x, y, x + w, y + h] as const, classIndex, score };
            }),
          ),
        ).f1,
    );
    const randomF1 = randomF1s.reduce((sum, f) => sum + f, 0) / randomF1s.length;
    // Measured here: precision 0.88, recall 0.92, F1 0.90 against 0.03 for the same boxes put at random.
    expect(found.f1).toBeGreaterThanOrEqual(0.5);
    expect(found.f1).toBeGreaterThanOrEqual(3 * randomF1);
    expect(tf.memory().numTensors).toBe(0);
  }, 300_000);
});
