/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { saveModel } from '../../shared/train/saved-model';
import { predictClasses, smallCnn, trainClassifier, type InputShape } from '../../shared/train/small-cnn';
import type { TrainerEvent, TrainerRequest } from './trainer-protocol';

/**
 * Trains the small CNN off the page's thread, so the app stays responsive: WebGL where the
 * worker has it (OffscreenCanvas), else the CPU backend (tfjs's WASM backend cannot train
 * convolutions).
 */
const post = (event: TrainerEvent, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(event, transfer);
let cancelled = false;

self.onmessage = (message: MessageEvent<TrainerRequest>) => {
  const request = message.data;
  if (request.type === 'cancel') {
    cancelled = true;
    return;
  }
  cancelled = false;
  train(request).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
};

type TrainRequest = Extract<TrainerRequest, { type: 'train' }>;

async function train(request: TrainRequest): Promise<void> {
  const backend = (await tf.setBackend('webgl').catch(() => false)) ? 'webgl' : (await tf.setBackend('cpu'), 'cpu');
  await tf.ready();
  post({ type: 'backend', name: backend });
  const { plan } = request;
  if (plan.kind === 'fit') {
    const model = await fit(request, plan.trainOn, null);
    try {
      const probabilities = Float32Array.from(predictClasses(model, { shape: request.shape, inputs: request.inputs }).flat());
      const { modelJson, weights } = await saveModel(model);
      post({ type: 'done', probabilities, cancelled, modelJson, weights }, [probabilities.buffer, weights]);
    } finally {
      model.dispose();
    }
    return;
  }
  if (plan.folds.some((fold) => fold < 0 || fold >= plan.k)) throw new Error(`fold numbers must lie in 0–${plan.k - 1}`);
  const probabilities = new Float32Array(request.labels.length * request.classCount);
  for (let fold = 0; fold < plan.k && !cancelled; fold++) {
    const members = (inFold: boolean) => plan.folds.flatMap((f, i) => ((f === fold) === inFold ? [i] : []));
    const held = members(true);
    const trainOn = members(false);
    if (held.length === 0) continue;
    if (trainOn.length === 0) throw new Error('cross-validation needs examples outside each fold: there are too few samples');
    const model = await fit(request, trainOn, fold);
    try {
      const predicted = predictClasses(model, { shape: request.shape, inputs: gather(request.inputs, request.shape, held) });
      held.forEach((example, i) => probabilities.set(predicted[i]!, example * request.classCount));
    } finally {
      model.dispose();
    }
  }
  post({ type: 'done', probabilities, cancelled, modelJson: '', weights: new ArrayBuffer(0) }, [probabilities.buffer]);
}

/** A model trained on the examples `trainOn`, reporting its epochs. */
async function fit(request: TrainRequest, trainOn: readonly number[], fold: number | null): Promise<tf.LayersModel> {
  const model = smallCnn(request.shape, request.classCount, request.seed);
  try {
    await trainClassifier(
      model,
      {
        shape: request.shape,
        inputs: gather(request.inputs, request.shape, trainOn),
        labels: Int32Array.from(trainOn, (i) => request.labels[i]!),
        classCount: request.classCount,
      },
      { epochs: request.epochs, batchSize: 32, seed: request.seed, shouldStop: () => cancelled, onEpoch: (report) => post({ type: 'epoch', report, fold }) },
    );
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/** The inputs of some examples, packed. */
function gather(inputs: Float32Array, shape: InputShape, indices: readonly number[]): Float32Array {
  const size = shape[0] * shape[1] * shape[2];
  const out = new Float32Array(indices.length * size);
  indices.forEach((example, i) => out.set(inputs.subarray(example * size, (example + 1) * size), i * size));
  return out;
}
