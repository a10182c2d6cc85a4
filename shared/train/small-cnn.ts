import * as tf from '@tensorflow/tfjs';
import { mulberry32, shuffleInPlace } from '../assignment/prng';

/** One example's input: height × width × channels (a 32 × 32 RGB crop, a 40-band × 32-step spectrogram). */
export type InputShape = readonly [height: number, width: number, channels: number];

/** Examples of one shape, values about 0–1, with their class indices. */
export interface LabeledInputs {
  shape: InputShape;
  /** n × height × width × channels, row-major. */
  inputs: Float32Array;
  labels: Int32Array;
  classCount: number;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  accuracy: number;
  /** Live tensors after the epoch: flat from epoch to epoch when nothing leaks. */
  tensors: number;
}

export interface TrainOptions {
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  /** Seed of the order examples are shown in each epoch: with the model's seed, a run repeats exactly (on the CPU backend). */
  seed?: number;
  onEpoch?(report: EpochReport): void | Promise<void>;
  /** Asked after each batch: true stops training after it (cancel). */
  shouldStop?(): boolean;
}

/**
 * A small CNN for box crops and clip spectrograms: two convolution blocks and a dense head, sized
 * for training in the app (a browser tab or a worker) on a few thousand examples, as a baseline to
 * compare with human-level performance, not a production model.
 */
export function smallCnn(shape: InputShape, classCount: number, seed = 1): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [...shape], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(0) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: init(2) }));
  model.add(tf.layers.dense({ units: classCount, activation: 'softmax', kernelInitializer: init(3) }));
  return model;
}

/** Trains `model` on the examples, reporting each epoch; every tensor it makes is disposed. */
export async function trainClassifier(model: tf.LayersModel, data: LabeledInputs, options: TrainOptions): Promise<EpochReport[]> {
  // The model does not own an optimizer it was given: it is disposed here, with its state.
  const optimizer = tf.train.adam(options.learningRate ?? 0.01);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const count = data.labels.length;
  const xs = tf.tensor4d(data.inputs, [count, ...data.shape]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), data.classCount));
  const reports: EpochReport[] = [];
  // tfjs's own shuffle draws on Math.random: the order is shuffled here, seeded, instead.
  const random = mulberry32(options.seed ?? 1);
  const order = Array.from({ length: count }, (_, i) => i);
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      let stopped = false;
      shuffleInPlace(order, random);
      const indices = tf.tensor1d(order, 'int32');
      const [epochXs, epochYs] = [tf.gather(xs, indices), tf.gather(ys, indices)];
      const history = await model
        .fit(epochXs, epochYs, {
          epochs: 1,
          batchSize: options.batchSize ?? 32,
          shuffle: false,
          verbose: 0,
          callbacks: {
            onBatchEnd: () => {
              if (options.shouldStop?.()) {
                model.stopTraining = true;
                stopped = true;
              }
            },
          },
        })
        .finally(() => tf.dispose([indices, epochXs, epochYs]));
      const report = {
        epoch,
        loss: lastOf(history.history['loss']),
        accuracy: lastOf(history.history['acc'] ?? history.history['accuracy']),
        tensors: tf.memory().numTensors,
      };
      reports.push(report);
      await options.onEpoch?.(report);
      if (stopped) break;
    }
  } finally {
    xs.dispose();
    ys.dispose();
    optimizer.dispose();
  }
  return reports;
}

/** Class probabilities of each example, as plain numbers (no tensor outlives the call). */
export function predictClasses(model: tf.LayersModel, data: Pick<LabeledInputs, 'shape' | 'inputs'>): number[][] {
  const count = data.inputs.length / data.shape.reduce((product, n) => product * n, 1);
  if (count === 0) return [];
  // In batches, as in training: thousands of examples at once would allocate every activation at once.
  return tf.tidy(() => (model.predict(tf.tensor4d(data.inputs, [count, ...data.shape]), { batchSize: 64 }) as tf.Tensor).arraySync() as number[][]);
}

function lastOf(values: readonly (number | tf.Tensor)[] | undefined): number {
  const value = values?.at(-1);
  return typeof value === 'number' ? value : Number.NaN;
}
