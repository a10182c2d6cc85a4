import { z } from 'zod';

/** Labelers per sample, at most. */
export const MAX_OVERLAP = 50;
/** A calibration batch goes to everyone: more than this is no batch but the project. */
export const MAX_CALIBRATION_SAMPLES = 100_000;
/** The plan's generator takes its seed modulo 2³²: larger seeds would repeat smaller ones. */
export const MAX_SEED = 2 ** 32 - 1;

export const planRequestSchema = z.object({
  /** k: distinct labelers per sample. */
  overlap: z.number().int().min(1).max(MAX_OVERLAP).default(2),
  /** The first N samples go to every labeler (a calibration batch). */
  calibrationCount: z.number().int().min(0).max(MAX_CALIBRATION_SAMPLES).default(0),
  /** Or a chosen calibration set; when given it is used instead of the first N. */
  calibrationSampleIds: z.array(z.number().int().positive()).optional(),
  seed: z.number().int().min(0).max(MAX_SEED).default(1),
});
export type PlanRequest = z.input<typeof planRequestSchema>;

export interface LabelerProgress {
  labelerId: number;
  name: string;
  assigned: number;
  todo: number;
  draft: number;
  submitted: number;
}

/** The plan in force and how far each labeler has got with their part of it. */
export interface AssignmentSummary {
  overlap: number;
  seed: number;
  calibrationSampleIds: number[];
  plannedAt: string;
  /** Samples no labeler has (imported after the plan was made, for example): replan to share them out. */
  unassignedSamples: number;
  labelers: LabelerProgress[];
}
