import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../shared/assignment/prng';
import { predictClasses, smallCnn, trainClassifier, type LabeledInputs } from '../../../shared/train/small-cnn';

/** Synthetic crops: class 0 is bright on top, class 1 bright at the bottom, with noise. */
function synthetic(count: number, size: number, seed: number): LabeledInputs {
  const random = mulberry32(seed);
  const pixels = new Float32Array(count * size * size * 3);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const label = n % 2;
    labels[n] = label;
    for (let y = 0; y < size; y++) {
      const bright = y < size / 2 === (label === 0);
      for (let x = 0; x < size; x++) for (let c = 0; c < 3; c++) pixels[((n * size + y) * size + x) * 3 + c] = (bright ? 0.8 : 0.2) + (random() - 0.5) * 0.3;
    }
  }
  return { shape: [size, size, 3], inputs: pixels, labels, classCount: 2 };
}

describe('the small CNN (tfjs, CPU backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('overfits a tiny set of crops to at least 95% training accuracy, without leaking tensors', async () => {
    const data = synthetic(20, 8, 3);
    const model = smallCnn(data.shape, 2, 7);
    const reports = await trainClassifier(model, data, { epochs: 25, batchSize: 10, learningRate: 0.02 });
    expect(reports.at(-1)!.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(reports.at(-1)!.loss).toBeLessThan(reports[0]!.loss);
    // The tensor count is flat from epoch to epoch: the model's weights and optimizer state only.
    expect(new Set(reports.slice(2).map((r) => r.tensors)).size).toBe(1);
    const probabilities = predictClasses(model, data);
    const predicted = probabilities.map((p) => (p[0]! > p[1]! ? 0 : 1));
    expect(predicted.filter((p, i) => p === data.labels[i]).length).toBeGreaterThanOrEqual(19);
    model.dispose();
  });

  it('repeats a run exactly with the same seeds, and shows examples in another order with another seed', async () => {
    const run = async (orderSeed: number) => {
      const model = smallCnn([8, 8, 3], 2, 5);
      const reports = await trainClassifier(model, synthetic(20, 8, 6), { epochs: 3, batchSize: 5, seed: orderSeed });
      model.dispose();
      return reports.map((r) => r.loss);
    };
    const first = await run(11);
    expect(await run(11)).toEqual(first);
    expect(await run(12)).not.toEqual(first);
  });

  it('stops when cancelled', async () => {
    const model = smallCnn([8, 8, 3], 2, 1);
    let batches = 0;
    const reports = await trainClassifier(model, synthetic(20, 8, 4), { epochs: 10, batchSize: 5, shouldStop: () => ++batches >= 6 });
    expect(reports.length).toBe(2); // the sixth batch falls in the second epoch
    model.dispose();
  });

  it('learns spectrogram-shaped inputs too: one channel, more bands than steps', async () => {
    // Class 0 is a low hum (energy in the low bands), class 1 a whistle (high bands).
    const [bands, steps] = [16, 8];
    const random = mulberry32(9);
    const count = 20;
    const inputs = new Float32Array(count * bands * steps);
    const labels = Int32Array.from({ length: count }, (_, n) => n % 2);
    for (let n = 0; n < count; n++)
      for (let band = 0; band < bands; band++)
        for (let step = 0; step < steps; step++) {
          const loud = band < bands / 2 === (labels[n] === 0);
          inputs[(n * bands + band) * steps + step] = (loud ? 0.7 : 0.3) + (random() - 0.5) * 0.2;
        }
    const data: LabeledInputs = { shape: [bands, steps, 1], inputs, labels, classCount: 2 };
    const model = smallCnn(data.shape, 2, 3);
    const reports = await trainClassifier(model, data, { epochs: 25, batchSize: 10, learningRate: 0.02 });
    expect(reports.at(-1)!.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(predictClasses(model, data)).toHaveLength(count);
    model.dispose();
  });
});
