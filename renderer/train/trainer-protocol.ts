import type { EpochReport } from '../../shared/train/crop-classifier';

/** What the training worker is asked. */
export type TrainerRequest =
  | {
      type: 'train';
      size: number;
      /** All crops; `trainOn` picks the ones trained on, every crop is predicted at the end. */
      pixels: Uint8Array;
      labels: Int32Array;
      classCount: number;
      trainOn: number[];
      epochs: number;
      seed: number;
    }
  | { type: 'cancel' };

/** What it reports. */
export type TrainerEvent =
  | { type: 'backend'; name: string }
  | { type: 'epoch'; report: EpochReport }
  | {
      type: 'done';
      /** Class probabilities of every crop, flat (crops × classes). */
      probabilities: Float32Array;
      cancelled: boolean;
      modelJson: string;
      weights: ArrayBuffer;
    }
  | { type: 'error'; message: string };
