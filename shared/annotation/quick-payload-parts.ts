import type { AnnotationPayload } from './payload';

/**
 * The parts every payload kind shares, read without zod for the quick readers
 * (`quick-bbox-payload.ts`, `quick-transcript-payload.ts`): each gives exactly what the schema
 * gives for a value it accepts, or null when the value is not plainly valid (then the schema reads
 * the payload, and says what is wrong).
 */

/** The longest comment `flagsSchema` takes. */
const MAX_COMMENT = 2000;

/**
 * The payload's flags with the schema's defaults filled, or null.
 * @example quickFlags(undefined) // { unsure: false, comment: '', mediaBroken: false }
 */
export function quickFlags(value: unknown): AnnotationPayload['flags'] | null {
  if (value === undefined) return { unsure: false, comment: '', mediaBroken: false };
  if (!isPlainObject(value)) return null;
  const unsure = orDefault(value['unsure'], false);
  const comment = orDefault(value['comment'], '');
  const mediaBroken = orDefault(value['mediaBroken'], false);
  if (typeof unsure !== 'boolean' || typeof comment !== 'string' || comment.length > MAX_COMMENT || typeof mediaBroken !== 'boolean') return null;
  return { unsure, comment, mediaBroken };
}

/**
 * A copy of the payload's tags (none when missing), or null.
 * @example quickTags(['night']) // ['night']
 */
export function quickTags(value: unknown): string[] | null {
  const tags = orDefault(value, []);
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) return null;
  return [...(tags as string[])];
}

/**
 * A schema default applies to a missing value only (`null` is a wrong value, not a missing one).
 * @example orDefault(undefined, false) // false
 */
export function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

/**
 * What `z.object` takes: an object that is not an array.
 * @example isPlainObject([]) // false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
