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
 * The flags and tags every payload kind carries, defaults filled, or null when either is not plainly valid.
 * @example quickFlagsAndTags({ tags: ['night'] }) // { flags: { unsure: false, comment: '', mediaBroken: false }, tags: ['night'] }
 */
export function quickFlagsAndTags(record: Record<string, unknown>): Pick<AnnotationPayload, 'flags' | 'tags'> | null {
  const flags = quickFlags(record['flags']);
  const tags = quickTags(record['tags']);
  return flags === null || tags === null ? null : { flags, tags };
}

/** The payload's flags with the schema's defaults filled, or null. */
function quickFlags(value: unknown): AnnotationPayload['flags'] | null {
  if (value === undefined) return { unsure: false, comment: '', mediaBroken: false };
  if (!isPlainObject(value)) return null;
  const unsure = orDefault(value['unsure'], false);
  const comment = orDefault(value['comment'], '');
  const mediaBroken = orDefault(value['mediaBroken'], false);
  if (typeof unsure !== 'boolean' || typeof comment !== 'string' || comment.length > MAX_COMMENT || typeof mediaBroken !== 'boolean') return null;
  return { unsure, comment, mediaBroken };
}

/** A copy of the payload's tags (none when missing), or null. */
function quickTags(value: unknown): string[] | null {
  const tags = orDefault(value, []);
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) return null;
  return [...(tags as string[])];
}

/**
 * Each item of `value` read by `readItem`, or null when `value` is not an array or an item is not plainly valid.
 * @example quickList([1, 2], (item) => (typeof item === 'number' ? item : null)) // [1, 2]
 */
export function quickList<T>(value: unknown, readItem: (item: unknown) => T | null): T[] | null {
  if (!Array.isArray(value)) return null;
  const read = new Array<T>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = readItem(value[i]);
    if (item === null) return null;
    read[i] = item;
  }
  return read;
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
