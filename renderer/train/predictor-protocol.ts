import type { DetectorSettings } from '../../shared/train/detect-boxes';
import type { InputShape } from '../../shared/train/small-cnn';
import type { Detection } from '../../shared/train/window-detections';
import type { RgbImage } from '../../shared/train/window-crops';

/** What the prediction worker is asked: load a kept model once, then predict page after page. */
export type PredictorRequest =
  | { type: 'load'; modelJson: string; weights: ArrayBuffer }
  | { type: 'predict'; shape: InputShape; /** examples × height × width × channels */ inputs: Float32Array }
  | {
      type: 'detect';
      /** The image shrunk by the detector's scale; boxes come back in `original`'s pixels. */
      image: RgbImage;
      original: { width: number; height: number };
      detector: DetectorSettings;
      classCount: number;
      minConfidence: number;
    };

/** What it answers, one answer per request in order. */
export type PredictorEvent =
  | { type: 'loaded'; backend: string }
  | { type: 'probabilities'; /** examples × classes, flat */ probabilities: Float32Array }
  | { type: 'detections'; detections: Detection[] }
  | { type: 'error'; message: string };
