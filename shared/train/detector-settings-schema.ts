import { z } from 'zod';
import type { DetectorSettings } from './detect-boxes';

/** A box run's detector settings, as the contract takes them and a run keeps them. */
export const detectorSettingsSchema = z.object({
  windows: z
    .array(z.object({ width: z.number().int().positive().max(100_000), height: z.number().int().positive().max(100_000) }))
    .min(1)
    .max(16),
  cropSize: z.number().int().min(8).max(128),
  scale: z.number().positive().max(1),
  background: z.number().int().min(0),
}) satisfies z.ZodType<DetectorSettings, unknown>;
