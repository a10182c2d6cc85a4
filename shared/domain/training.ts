import type { Split } from '../dataset/splits';
import type { ClipTarget } from '../train/clip-targets';
import type { DetectorSettings } from '../train/detect-boxes';
import type { WindowSize } from '../train/sliding-windows';

/** One example a classifier trains on or is measured on: a box crop, or a clip. */
export interface TrainingExample {
  sampleId: number;
  /** Of the sample's media, to show it. */
  sha256: string;
  fileName: string;
  split: Split;
  /** Index into the set's `classes`. */
  label: number;
  /** The sample's slice tags. */
  tags: string[];
}

interface TrainingSetBase {
  version: number;
  classes: { name: string }[];
  /** Human-level performance in the model's terms, overall (`all`) and per slice tag. */
  hlp: { slice: string; value: number | null }[];
}

/** The box crops of a dataset version's final labels, ready to train on. */
export interface CropsForTraining extends TrainingSetBase {
  kind: 'crops';
  size: number;
  classes: { id: number; name: string }[];
  examples: (TrainingExample & { box: { x1: number; y1: number; x2: number; y2: number } })[];
  /**
   * size × size × 3 bytes per crop, in `examples` order, base64: each box with a margin of a quarter
   * of its size around it, cut as detection cuts windows. HLP is class agreement on matched boxes.
   */
  pixels: string;
  /**
   * What finding boxes needs besides the classes: window sizes from the train split's boxes, the
   * scale images are shrunk by, and "nothing here" crops (windows of train-split images that
   * overlap no box), `backgroundCount` of them, size × size × 3 bytes each, base64.
   */
  detector: { windows: WindowSize[]; scale: number; backgroundCount: number; background: string };
  /** Images that could not be read: their boxes are left out, with the reason. */
  problems: { fileName: string; message: string }[];
}

/** The clips of a dataset version as log-mel spectrograms, with the classes of a target. */
export interface ClipsForTraining extends TrainingSetBase {
  kind: 'clips';
  target: ClipTarget;
  bands: number;
  steps: number;
  examples: TrainingExample[];
  /**
   * bands × steps float32 values (little-endian) per clip, in `examples` order, base64. HLP is
   * pair agreement on the tag, or 1 − WER between labelers for transcripts.
   */
  features: string;
  /** Clips whose audio could not be read: left out, with the reason. */
  problems: { fileName: string; message: string }[];
}

export type TrainingSet = CropsForTraining | ClipsForTraining;

export interface BoxCorners {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  className: string;
}

/** A finished training run, kept with the dataset version it came from. */
export interface TrainingRun {
  id: number;
  version: number;
  createdAt: string;
  backend: string;
  /** What the model classified; a crop model trained with a background class also keeps how it finds boxes. */
  input: { kind: 'crops'; detector?: DetectorSettings } | { kind: 'clips'; target: ClipTarget };
  epochs: { epoch: number; loss: number; accuracy: number }[];
  /**
   * The model's classes in output order (its outputs mean nothing without them); absent on runs
   * kept before they were recorded, which cannot predict new samples.
   */
  classes?: string[];
  /** Accuracy and macro F1 on the dev and test splits, over `examples` crops or clips. */
  evaluation: Record<'dev' | 'test', { accuracy: number | null; macroF1: number | null; examples: number }>;
}

/** Predictions made elsewhere, scored against a dataset version's labels. */
export interface ScoredPredictions {
  /** One per sample predicted: score 0–1 (1 − WER for transcripts, box F1 for images). */
  scored: {
    sampleId: number;
    sha256: string;
    fileName: string;
    split: Split;
    tags: string[];
    score: number;
    /** In words: the transcript, or how many boxes of which classes. */
    gold: string;
    prediction: string;
    /** Images: both sets of boxes (predictions at or above the score threshold), in the image's pixels. */
    boxes: { width: number; height: number; gold: BoxCorners[]; predicted: BoxCorners[] } | null;
  }[];
  /** Samples of the version without a prediction. */
  missing: number;
  problems: { where: string; message: string }[];
  /** Human-level agreement, overall and per slice tag, in the same terms as the score. */
  hlp: { slice: string; value: number | null }[];
}

/** A kept run's model, to predict with in the browser. */
export interface RunModel {
  runId: number;
  version: number;
  input: TrainingRun['input'];
  classes: string[];
  /** The model's topology and weight specs, as TensorFlow.js saves them, and its weights, base64. */
  modelJson: string;
  weightsBase64: string;
}

/**
 * One page of the clips a version's model may pre-label: the project's clips outside the version
 * (its own examples are no news to it) that not every assignee has submitted yet, by sample id.
 */
export interface ClipsToPrelabel {
  clips: { sampleId: number; fileName: string }[];
  bands: number;
  steps: number;
  /** bands × steps float32 values (little-endian) per clip, in `clips` order, base64. */
  features: string;
  /** Clips whose audio could not be read: left out, with the reason. */
  problems: { fileName: string; message: string }[];
  /** The sample id to ask from next, or null after the last page. */
  next: number | null;
  /** Clips to pre-label in all, over every page: on the first page only (`after` 0), as counting them all again per page would cost as much as the page. */
  total: number | null;
}

/**
 * One page of the images a version's box model may pre-label (the same samples as
 * {@link ClipsToPrelabel}), decoded to RGB and shrunk by the run's scale, by sample id.
 */
export interface ImagesToPrelabel {
  /** `width` × `height`: the shrunk image sent; `original`: the upright image boxes are drawn on. */
  images: { sampleId: number; fileName: string; width: number; height: number; original: { width: number; height: number } }[];
  /** width × height × 3 bytes per image, in `images` order, base64. */
  pixels: string;
  /** Images that could not be read: left out, with the reason. */
  problems: { fileName: string; message: string }[];
  next: number | null;
  total: number | null;
}
