import type { InputShape } from '../../shared/train/small-cnn';

/** What the prediction worker is asked: load a kept model once, then predict page after page. */
export type PredictorRequest =
  | { type: 'load'; modelJson: string; weights: ArrayBuffer }
  | { type: 'predict'; shape: InputShape; /** examples × height × width × channels */ inputs: Float32Array };

/** What it answers, one answer per request in order. */
export type PredictorEvent =
  | { type: 'loaded'; backend: string }
  | { type: 'probabilities'; /** examples × classes, flat */ probabilities: Float32Array }
  | { type: 'error'; message: string };
