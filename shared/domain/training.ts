import type { Split } from '../dataset/splits';

/** The box crops of a dataset version's final labels, ready to train on. */
export interface CropsForTraining {
  version: number;
  size: number;
  classes: { id: number; name: string }[];
  crops: {
    sampleId: number;
    fileName: string;
    split: Split;
    /** Index into `classes`. */
    label: number;
    tags: string[];
    box: { x1: number; y1: number; x2: number; y2: number };
  }[];
  /** size × size × 3 bytes per crop, in `crops` order, base64. */
  pixels: string;
  /** Human-level class agreement (labelers on matched boxes) overall and per slice tag. */
  hlp: { slice: string; value: number | null }[];
}

/** A finished training run, kept with the dataset version it came from. */
export interface TrainingRun {
  id: number;
  version: number;
  createdAt: string;
  backend: string;
  epochs: { epoch: number; loss: number; accuracy: number }[];
  /** Accuracy and macro F1 on the dev and test splits. */
  evaluation: Record<'dev' | 'test', { accuracy: number | null; macroF1: number | null; crops: number }>;
}

/** Predictions made elsewhere, scored against a dataset version's labels. */
export interface ScoredPredictions {
  /** One per sample predicted: score 0–1 (1 − WER for transcripts, box F1 for images). */
  scored: { sampleId: number; fileName: string; split: Split; tags: string[]; score: number; prediction: string }[];
  /** Samples of the version without a prediction. */
  missing: number;
  problems: { where: string; message: string }[];
  /** Human-level agreement, overall and per slice tag, in the same terms as the score. */
  hlp: { slice: string; value: number | null }[];
}
