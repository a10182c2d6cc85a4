import { z } from 'zod';
import { nameSchema } from './project';

/**
 * Labelers label their own queue; SMEs review, decide and write the guideline; engineers
 * make dataset versions, exports and training runs; admins manage accounts and may do all.
 */
export const labelerRoleSchema = z.enum(['labeler', 'sme', 'engineer', 'admin']);
export type LabelerRole = z.infer<typeof labelerRoleSchema>;

/** Long enough to resist guessing under the sign-in throttle; no other rules (NIST SP 800-63B). */
export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');

export const labelerInputSchema = z.object({
  name: nameSchema,
  role: labelerRoleSchema.default('labeler'),
  /** Required outside demo projects: the person signs in with it. */
  password: passwordSchema.optional(),
});

/** A person's account in a project: who they are and what they may do. */
export interface Labeler {
  id: number;
  name: string;
  role: LabelerRole;
  createdAt: string;
  /** A disabled account cannot sign in, and its sessions ended when it was disabled. */
  disabled: boolean;
  /** Whether the account can sign in with a password (demo people and a new project's owner may have none). */
  hasPassword: boolean;
  /** The admin who made the project: signed in automatically by the person at this computer. */
  owner: boolean;
}
