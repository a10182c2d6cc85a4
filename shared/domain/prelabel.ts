import { z } from 'zod';
import type { AnnotationPayload } from '../annotation/payload';
import type { Interval } from '../metrics/poisson-bootstrap';
import { MAX_SEED } from './assignment';

/** The files a model's predictions can come in (the parsers `train.predictions` scores with). */
export const PREDICTION_FORMATS = ['coco-results', 'label-studio', 'jsonl'] as const;
export type PredictionFormat = (typeof PREDICTION_FORMATS)[number];

/** A name for one set of predictions ("yolo-v8 run 3"): importing under it again replaces it. */
export const predictionSourceSchema = z
  .string()
  .trim()
  .min(1, 'a source name is required')
  .max(80)
  // Shown in lists and messages: a name that could break a line or the terminal is refused.
  .refine((name) => ![...name].some((c) => c.charCodeAt(0) < 32), 'has control characters');

/**
 * Largest predictions file a browser may send: its text travels inside one call, and the web
 * host takes calls up to 8 MB. Bigger files are read from the host's disk (`path`, the CLI).
 */
export const MAX_SENT_PREDICTIONS_BYTES = 7 * 1024 * 1024;

/** The name a sent file had on the person's computer, only to name it in messages. */
export const sentFileNameSchema = z
  .string()
  .trim()
  .min(1, 'a file name is required')
  .max(255)
  .refine((name) => ![...name].some((c) => c.charCodeAt(0) < 32), 'has control characters');

export interface PrelabelImportResult {
  source: string;
  /** Samples that got a prediction. */
  imported: number;
  /** Boxes stored over those samples; null for transcripts (one text per sample). */
  boxes: number | null;
  problems: { where: string; message: string }[];
}

/** Most predictions one `prelabels.storeBatch` call carries: a model predicting a whole project sends many. */
export const MAX_PREDICTION_BATCH = 500;

const confidenceSchema = z.number().min(0).max(1);

/** A box a model found, in the upright image's pixels, with its class by name and how sure it was. */
const predictedBoxSchema = z.object({
  className: z.string().min(1).max(2000),
  x1: z.number().finite(),
  y1: z.number().finite(),
  x2: z.number().finite(),
  y2: z.number().finite(),
  score: confidenceSchema,
});

/** One batch of a model's transcripts or boxes, predicted in the app, to store under a source name. */
export const predictionBatchSchema = z.object({
  source: predictionSourceSchema,
  /** The first batch replaces whatever the source held; later ones add to it. */
  replace: z.boolean(),
  predictions: z
    .array(
      z.union([
        z.object({
          sampleId: z.number().int().positive(),
          /** The clip's transcript; empty when the model heard no speech. */
          text: z.string().max(2000),
          /** How sure the model was, 0–1. */
          confidence: confidenceSchema,
        }),
        z.object({
          sampleId: z.number().int().positive(),
          /** The image's boxes (a detector keeps at most 50 an image). */
          boxes: z.array(predictedBoxSchema).min(1).max(100),
          /** How sure the model was of its least sure box, 0–1. */
          confidence: confidenceSchema,
        }),
      ]),
    )
    .max(MAX_PREDICTION_BATCH),
});

/** What the SME sets: which predictions labelers start from, and the share of assignments kept blind. */
export const prelabelPlanSchema = z.object({
  /** The predictions offered; null turns pre-labels off. */
  source: predictionSourceSchema.nullable(),
  /** Share of assignments (sample × labeler) that start blank instead, to measure anchoring. */
  blindShare: z.number().min(0).max(1).default(0.2),
  /** Which assignments are blind follows from this seed alone. */
  seed: z.number().int().min(0).max(MAX_SEED).default(1),
});

export interface PrelabelPlan {
  source: string;
  blindShare: number;
  seed: number;
  /** ISO time the plan was set. */
  setAt: string;
}

export interface PredictionSource {
  source: string;
  /** Samples with a prediction from it. */
  samples: number;
  importedAt: string;
}

export interface PrelabelSummary {
  sources: PredictionSource[];
  /** Null while pre-labels are off. */
  plan: PrelabelPlan | null;
}

/**
 * Which arm of the anchoring measurement an assignment is in: it starts from the model's
 * pre-label, or blind (from nothing) although a pre-label exists. Assignments without a
 * pre-label to offer are in neither.
 */
export type PrelabelArm = 'prelabeled' | 'blind';

/** What a labeler is offered on a sample. */
export interface PrelabelOffer {
  /** Null when pre-labels are off or the model said nothing about this sample. */
  arm: PrelabelArm | null;
  source: string | null;
  /** The starting label (only in the `prelabeled` arm). */
  payload: AnnotationPayload | null;
  /** How sure the model was of it, 0–1, when it said (the in-app baseline does). */
  confidence: number | null;
}

/** One agreement figure of an arm: the dashboard's headline measure over some comparisons. */
export interface ArmFigure {
  value: number | null;
  comparisons: number;
  samples: number;
  /** Bootstrap interval over samples; null when there is nothing to resample. */
  interval: Interval | null;
}

export interface AnchoringArmFigures {
  /** Submitted answers of assignments in this arm. */
  answers: number;
  /** Between labelers who both worked in this arm on a sample. */
  between: ArmFigure;
  /** Each answer against the model's prediction for its sample (the model as reference). */
  withModel: ArmFigure;
}

/** Agreement with and without pre-labels, so a team sees whether starting from the model costs consistency. */
export interface AnchoringReport {
  plan: PrelabelPlan | null;
  prelabeled: AnchoringArmFigures;
  blind: AnchoringArmFigures;
}

/** For one assignment: offer pre-labels, keep it blind, or follow the plan's blind split (clears the choice). */
export const PRELABEL_CHOICES = ['offer', 'blind', 'plan'] as const;
export type PrelabelChoice = (typeof PRELABEL_CHOICES)[number];

/** An SME's choice for one assignment (a sample for a labeler), over the plan. */
export interface PrelabelOverride {
  sampleId: number;
  labelerId: number;
  choice: PrelabelChoice;
}

/** One assignment of a sample and what its labeler starts from there. */
export interface PrelabelAssignment {
  labelerId: number;
  name: string;
  /** What the labeler gets now: null when pre-labels are off or the model said nothing about the sample. */
  arm: PrelabelArm | null;
  /** The SME's choice for this assignment, or `plan` when the plan's blind split decides. */
  choice: PrelabelChoice;
  /** The arm recorded with the labeler's first save; it stays what they saw, whatever changes since. */
  recorded: PrelabelArm | null;
}

/** A sample's assignments with their pre-label state, for an SME choosing over the plan. */
export interface PrelabelSampleView {
  sampleId: number;
  fileName: string;
  /** The source the plan offers; null while pre-labels are off. */
  source: string | null;
  /** Whether that source has a prediction for this sample. */
  predicted: boolean;
  assignments: PrelabelAssignment[];
}
