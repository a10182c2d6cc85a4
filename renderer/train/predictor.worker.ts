/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { detectBoxes } from '../../shared/train/detect-boxes';
import { loadSavedModel } from '../../shared/train/saved-model';
import { predictClasses } from '../../shared/train/small-cnn';
import type { PredictorEvent, PredictorRequest } from './predictor-protocol';

/**
 * Runs a kept model over pages of new examples off the page's thread (pre-labels from a
 * finished run): clips' classes, or the boxes a box model finds in an image. The model is loaded
 * once and kept until the worker is let go.
 */
const post = (event: PredictorEvent, transfer: Transferable[] = []) => (self as DedicatedWorkerGlobalScope).postMessage(event, transfer);
let model: tf.LayersModel | null = null;
// Requests are answered in order: each waits for the one before.
let queue: Promise<void> = Promise.resolve();

self.onmessage = (message: MessageEvent<PredictorRequest>) => {
  const request = message.data;
  queue = queue.then(() => handle(request)).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
};

async function handle(request: PredictorRequest): Promise<void> {
  if (request.type === 'load') {
    const backend = (await tf.setBackend('webgl').catch(() => false)) ? 'webgl' : (await tf.setBackend('cpu'), 'cpu');
    await tf.ready();
    model?.dispose();
    model = await loadSavedModel(request);
    post({ type: 'loaded', backend });
    return;
  }
  if (!model) throw new Error('no model is loaded');
  if (request.type === 'detect') {
    const loaded = model;
    const { cropSize } = request.detector;
    const classify = (inputs: Float32Array) => Float32Array.from(predictClasses(loaded, { shape: [cropSize, cropSize, 3], inputs }).flat());
    post({
      type: 'detections',
      detections: await detectBoxes(request.image, request.original, request.detector, request.classCount, classify, request.minConfidence),
    });
    return;
  }
  const probabilities = Float32Array.from(predictClasses(model, { shape: request.shape, inputs: request.inputs }).flat());
  post({ type: 'probabilities', probabilities }, [probabilities.buffer]);
}
