import { z } from 'zod';
import { clipTargetSchema } from '../../train/clip-targets';
import { detectorSettingsSchema } from '../../train/detector-settings-schema';
import type { TrainingRun } from '../training';
import { versionedRecord } from './versioned-record';

const scoreSchema = z.object({ accuracy: z.number().nullable(), macroF1: z.number().nullable(), examples: z.number().int().nonnegative() });

const runSchema = z.object({
  version: z.number().int().positive(),
  backend: z.string(),
  input: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('crops'), detector: detectorSettingsSchema.optional() }),
    z.object({ kind: z.literal('clips'), target: clipTargetSchema }),
  ]),
  epochs: z.array(z.object({ epoch: z.number().int().positive(), loss: z.number(), accuracy: z.number() })),
  // Box runs trained with a background class keep `input.detector`; older ones only name drawn boxes and cannot find any.
  // Kept from schema 29 on; older runs lack them and cannot predict new samples.
  classes: z.array(z.string()).optional(),
  evaluation: z.object({ dev: scoreSchema, test: scoreSchema }),
}) satisfies z.ZodType<Omit<TrainingRun, 'id' | 'createdAt'>, unknown>;

/**
 * A finished training run as kept in `training_run.run_json` (its id and time are columns).
 * Runs from before migration 0010 were rewritten by it; later changes are migrations here.
 * @example storedTrainingRun.schema.parse(JSON.parse(row.run_json)).input.kind // 'crops'
 */
export const storedTrainingRun = versionedRecord<Omit<TrainingRun, 'id' | 'createdAt'>>('training run', 1, runSchema);
