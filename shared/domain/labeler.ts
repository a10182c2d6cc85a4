import { z } from 'zod';
import { nameSchema } from './project';

/** Labelers label; SMEs adjudicate and see everyone's work; engineers export and train. */
export const labelerRoleSchema = z.enum(['labeler', 'sme', 'engineer']);
export type LabelerRole = z.infer<typeof labelerRoleSchema>;

export const labelerInputSchema = z.object({ name: nameSchema, role: labelerRoleSchema.default('labeler') });

export interface Labeler {
  id: number;
  name: string;
  role: LabelerRole;
  createdAt: string;
}
