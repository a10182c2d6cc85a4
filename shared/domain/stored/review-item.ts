import { z } from 'zod';
import { DISAGREEMENT_TYPES, type DisagreementType } from '../../disagreement/types';
import type { ReviewItem } from '../../disagreement/review-entry';

const typeSchema = z.enum(Object.keys(DISAGREEMENT_TYPES) as [DisagreementType, ...DisagreementType[]]);

/** A Review queue item as the kept queue stores it (`review_item.item_json`): the item without its severity. */
export const storedReviewItemSchema: z.ZodType<Omit<ReviewItem, 'severity'>, unknown> = z.object({
  sampleId: z.number().int(),
  labelerIds: z.array(z.number().int()),
  types: z.partialRecord(typeSchema, z.number().int().min(0)),
  classIds: z.array(z.number().int()),
  tags: z.array(z.string()),
  guidelineVersions: z.array(z.number().int()),
  pairs: z.array(z.string()),
});
