import { z } from 'zod';
import { parseAnnotationPayload, PayloadError, type AnnotationPayload } from '../../annotation/payload';

/**
 * An annotation payload inside another stored record (a dataset item's label): read through
 * the payload's own versioned parser, so old payloads are upgraded wherever they are kept.
 * @example storedPayloadSchema.parse({ v: 1, kind: 'bbox', boxes: [] }).tags // []
 */
export const storedPayloadSchema: z.ZodType<AnnotationPayload, unknown> = z.unknown().transform((value, ctx) => {
  try {
    return parseAnnotationPayload(value);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
    return z.NEVER;
  }
});
