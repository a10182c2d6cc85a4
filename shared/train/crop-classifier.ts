import * as tf from '@tensorflow/tfjs';

/** Box crops resized to `size` × `size` RGB, values 0–1, with their class indices. */
export interface CropSet {
  size: number;
  /** n × size × size × 3, row-major. */
  pixels: Float32Array;
  labels: Int32Array;
  classes: readonly string[];
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
  /** Seed of the weight initialisers, so a run can be repeated. */
  seed?: number;
  onEpoch?(report: EpochReport): void | Promise<void>;
  /** Asked after each batch: true stops training after it (cancel). */
  shouldStop?(): boolean;
}

/**
 * A small CNN for box crops: two convolution blocks and a dense head, sized for training in the
 * app (a browser tab or a worker) on a few thousand crops, as a baseline to compare with
 * human-level performance, not a production model.
 */
export function cropClassifier(size: number, classCount: number, seed = 1): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [size, size, 3], filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(0) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: init(2) }));
  model.add(tf.layers.dense({ units: classCount, activation: 'softmax', kernelInitializer: init(3) }));
  return model;
}

/** Trains `model` on the crops, reporting each epoch; every tensor it makes is disposed. */
export async function trainCrops(model: tf.LayersModel, data: CropSet, options: TrainOptions): Promise<EpochReport[]> {
  // The model does not own an optimizer it was given: it is disposed here, with its state.
  const optimizer = tf.train.adam(options.learningRate ?? 0.01);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const count = data.labels.length;
  const xs = tf.tensor4d(data.pixels, [count, data.size, data.size, 3]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(data.labels, 'int32'), data.classes.length));
  const reports: EpochReport[] = [];
  try {
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      let stopped = false;
      const history = await model.fit(xs, ys, {
        epochs: 1,
        batchSize: options.batchSize ?? 32,
        shuffle: true,
        verbose: 0,
        callbacks: {
          onBatchEnd: () => {
            if (options.shouldStop?.()) {
              model.stopTraining = true;
              stopped = true;
            }
          },
        },
      });
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

/** Class probabilities of each crop, as plain numbers (no tensor outlives the call). */
export function predictCrops(model: tf.LayersModel, data: Pick<CropSet, 'size' | 'pixels'>): number[][] {
  const count = data.pixels.length / (data.size * data.size * 3);
  if (count === 0) return [];
  const probabilities = tf.tidy(() => (model.predict(tf.tensor4d(data.pixels, [count, data.size, data.size, 3])) as tf.Tensor).arraySync() as number[][]);
  return probabilities;
}

function lastOf(values: readonly (number | tf.Tensor)[] | undefined): number {
  const value = values?.at(-1);
  return typeof value === 'number' ? value : Number.NaN;
}
