import { z } from 'zod';
import { quickBboxPayload } from './quick-bbox-payload';
import { quickTranscriptPayload } from './quick-transcript-payload';

/**
 * Annotation payloads are stored as JSON and will change shape over time; every payload
 * carries `v` so old ones still load. A new shape gets a new schema here and a named
 * migration in `migrations` from the one before; readers only ever see the latest.
 */

const flagsSchema = z.object({
  unsure: z.boolean().default(false),
  comment: z.string().max(2000).default(''),
  /** The media would not load or play: the labeler could not label it. */
  mediaBroken: z.boolean().default(false),
});

/** A box in image pixels, corners ordered: x1 < x2, y1 < y2. */
export const boxSchema = z
  .object({
    id: z.string().min(1),
    classId: z.number().int().positive(),
    x1: z.number().finite(),
    y1: z.number().finite(),
    x2: z.number().finite(),
    y2: z.number().finite(),
  })
  .refine((b) => b.x2 > b.x1 && b.y2 > b.y1, 'box corners must satisfy x1 < x2 and y1 < y2');

export const bboxPayloadSchema = z.object({
  v: z.literal(1),
  kind: z.literal('bbox'),
  boxes: z.array(boxSchema),
  /** The labeler looked and found nothing to box (different from not having started). */
  noObjects: z.boolean().default(false),
  flags: flagsSchema.default({ unsure: false, comment: '', mediaBroken: false }),
  /** Names from the project's tag vocabulary that this labeler gave the sample. */
  tags: z.array(z.string()).default([]),
});

/** A stretch of audio in milliseconds from the start of the clip, and what was said in it. */
export const segmentSchema = z
  .object({
    id: z.string().min(1),
    startMs: z.number().int().nonnegative(),
    endMs: z.number().int().nonnegative(),
    text: z.string(),
  })
  .refine((s) => s.endMs > s.startMs, 'segment must end after it starts');

export const transcriptPayloadSchema = z.object({
  v: z.literal(1),
  kind: z.literal('transcript'),
  /** `clip`: one segment spanning the trimmed speech; `segments`: any number of segments. */
  mode: z.enum(['clip', 'segments']),
  segments: z.array(segmentSchema),
  noSpeech: z.boolean().default(false),
  flags: flagsSchema.default({ unsure: false, comment: '', mediaBroken: false }),
  tags: z.array(z.string()).default([]),
});

export const annotationPayloadSchema = z.discriminatedUnion('kind', [bboxPayloadSchema, transcriptPayloadSchema]);

export type Box = z.infer<typeof boxSchema>;
export type Segment = z.infer<typeof segmentSchema>;
export type BboxPayload = z.infer<typeof bboxPayloadSchema>;
export type TranscriptPayload = z.infer<typeof transcriptPayloadSchema>;
export type AnnotationPayload = z.infer<typeof annotationPayloadSchema>;

export const CURRENT_PAYLOAD_VERSION = 1;

/** Named upgrades from version n to n+1, applied in order. None yet: v1 is the first shape. */
const migrations: ReadonlyArray<{ from: number; name: string; up: (old: Record<string, unknown>) => Record<string, unknown> }> = [];

export class PayloadError extends Error {}

/**
 * Reads a stored payload of any known version and returns it in the current shape.
 * @example parseAnnotationPayload('{"v":1,"kind":"bbox","boxes":[]}').boxes // []
 */
export function parseAnnotationPayload(json: string | unknown): AnnotationPayload {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch {
      throw new PayloadError('annotation payload is not valid JSON');
    }
  }
  if (typeof value !== 'object' || value === null) throw new PayloadError('annotation payload must be an object');
  let record = value as Record<string, unknown>;
  const version = typeof record['v'] === 'number' ? record['v'] : NaN;
  if (!Number.isInteger(version) || version < 1) throw new PayloadError('annotation payload has no version `v`');
  if (version > CURRENT_PAYLOAD_VERSION) {
    throw new PayloadError(`annotation payload is version ${version}, newer than this Concord understands (${CURRENT_PAYLOAD_VERSION})`);
  }
  for (const step of migrations) if (step.from >= version) record = step.up(record);
  // Most payloads are plainly valid: read without zod (the schema still reads anything else).
  const quick = record['kind'] === 'transcript' ? quickTranscriptPayload(record) : quickBboxPayload(record);
  if (quick !== null) return quick;
  const parsed = annotationPayloadSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PayloadError(`annotation payload: ${issue?.path.join('.') || '(root)'} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data;
}
