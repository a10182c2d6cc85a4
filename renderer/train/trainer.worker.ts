/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { cropClassifier, predictCrops, trainCrops } from '../../shared/train/crop-classifier';
import type { TrainerEvent, TrainerRequest } from './trainer-protocol';

/**
 * Trains the crop classifier off the page's thread, so the app stays responsive: WebGL where
 * the worker has it (OffscreenCanvas), else the CPU backend (tfjs's WASM backend cannot train
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

async function train(request: Extract<TrainerRequest, { type: 'train' }>): Promise<void> {
  const backend = (await tf.setBackend('webgl').catch(() => false)) ? 'webgl' : (await tf.setBackend('cpu'), 'cpu');
  await tf.ready();
  post({ type: 'backend', name: backend });
  const { size } = request;
  const perCrop = size * size * 3;
  const all = Float32Array.from(request.pixels, (byte) => byte / 255);
  const pixels = new Float32Array(request.trainOn.length * perCrop);
  const labels = new Int32Array(request.trainOn.length);
  request.trainOn.forEach((crop, i) => {
    pixels.set(all.subarray(crop * perCrop, (crop + 1) * perCrop), i * perCrop);
    labels[i] = request.labels[crop]!;
  });
  const model = cropClassifier(size, request.classCount, request.seed);
  try {
    await trainCrops(
      model,
      { size, pixels, labels, classes: Array.from({ length: request.classCount }, (_, i) => String(i)) },
      { epochs: request.epochs, batchSize: 32, seed: request.seed, shouldStop: () => cancelled, onEpoch: (report) => post({ type: 'epoch', report }) },
    );
    const probabilities = Float32Array.from(predictCrops(model, { size, pixels: all }).flat());
    let modelJson = '';
    let weights = new ArrayBuffer(0);
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        modelJson = JSON.stringify({ modelTopology: artifacts.modelTopology, weightSpecs: artifacts.weightSpecs });
        weights = artifacts.weightData instanceof ArrayBuffer ? artifacts.weightData : new ArrayBuffer(0);
        return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
      }),
    );
    post({ type: 'done', probabilities, cancelled, modelJson, weights }, [probabilities.buffer, weights]);
  } finally {
    model.dispose();
  }
}
