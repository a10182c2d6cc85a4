import type { EpochReport, InputShape } from '../../shared/train/small-cnn';

/**
 * Which examples a run learns from. `fit`: one model on `trainOn`, which then predicts every
 * example and is kept. `crossValidate`: one model per fold, trained on the other folds, predicts
 * its own fold's examples, so every example gets probabilities from a model that never saw it.
 */
export type TrainingPlan = { kind: 'fit'; trainOn: number[] } | { kind: 'crossValidate'; folds: number[]; k: number };

/** What the training worker is asked. */
export type TrainerRequest =
  | {
      type: 'train';
      shape: InputShape;
      /** Every example, values about 0–1 (examples × height × width × channels). */
      inputs: Float32Array;
      labels: Int32Array;
      classCount: number;
      plan: TrainingPlan;
      epochs: number;
      seed: number;
    }
  | { type: 'cancel' };

/** What it reports. */
export type TrainerEvent =
  | { type: 'backend'; name: string }
  | { type: 'epoch'; report: EpochReport; /** 0-based, when cross-validating. */ fold: number | null }
  | {
      type: 'done';
      /** Class probabilities of every example, flat (examples × classes). */
      probabilities: Float32Array;
      cancelled: boolean;
      /** The fitted model (empty after cross-validation, which keeps none). */
      modelJson: string;
      weights: ArrayBuffer;
    }
  | { type: 'error'; message: string };
