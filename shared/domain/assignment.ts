import { z } from 'zod';

export const planRequestSchema = z.object({
  /** k: distinct labelers per sample. */
  overlap: z.number().int().min(1).max(50).default(2),
  /** The first N samples go to every labeler (a calibration batch). */
  calibrationCount: z.number().int().min(0).default(0),
  /** Or a chosen calibration set; when given it is used instead of the first N. */
  calibrationSampleIds: z.array(z.number().int().positive()).optional(),
  seed: z.number().int().min(0).default(1),
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
