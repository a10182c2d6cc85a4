import { z } from 'zod';
import type { Sample } from '../sample';

/**
 * A sample's metadata from its import manifest (`sample.metadata_json`): flat names and values.
 * @example sampleMetadataSchema.parse({ speaker: 'ana', snr: 12 }).snr // 12
 */
export const sampleMetadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) satisfies z.ZodType<
  Sample['metadata'],
  unknown
>;
