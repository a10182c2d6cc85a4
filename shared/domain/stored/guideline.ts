import { z } from 'zod';
import { boxSchema } from '../../annotation/payload';
import { DISAGREEMENT_TYPES, type DisagreementType } from '../../disagreement/types';
import type { ExampleEvidence } from '../guideline';
import { versionedRecord } from './versioned-record';

const corners = z.object({ x1: z.number(), y1: z.number(), x2: z.number(), y2: z.number() });

const evidenceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('bbox'),
    image: z.object({ width: z.number().positive(), height: z.number().positive() }),
    crop: corners,
    labels: z.array(z.object({ who: z.string(), boxes: z.array(boxSchema) })),
  }),
  z.object({
    kind: z.literal('transcript'),
    span: z.object({ startMs: z.number().nonnegative(), endMs: z.number().nonnegative() }),
    labels: z.array(z.object({ who: z.string(), text: z.string() })),
  }),
]) satisfies z.ZodType<ExampleEvidence, unknown>;

/**
 * What a guideline example shows (`guideline_example.evidence_json`), frozen when it was
 * attached; published examples are never rewritten, so old shapes are upgraded on read.
 * @example storedExampleEvidence.schema.parse(JSON.parse(row.evidence_json)).kind // 'bbox'
 */
export const storedExampleEvidence = versionedRecord<ExampleEvidence>('guideline example', 1, evidenceSchema);

/**
 * The disagreement types a guideline draft addresses (`guideline_draft.addresses_json`).
 * @example disagreementTypesSchema.parse(['filler']) // ['filler']
 */
export const disagreementTypesSchema = z.array(z.enum(Object.keys(DISAGREEMENT_TYPES) as [DisagreementType, ...DisagreementType[]]));
