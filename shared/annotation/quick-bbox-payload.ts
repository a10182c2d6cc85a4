import type { BboxPayload, Box } from './payload';

/** The longest comment `flagsSchema` takes. */
const MAX_COMMENT = 2000;

/**
 * A current-version box payload read without zod, or null when anything about it is not plainly
 * valid (then the schema reads it, and says what is wrong). Whole-project agreement reads every
 * submitted answer (300,000 at 100,000 images), and zod's parse was a good part of that read.
 * It gives exactly what `bboxPayloadSchema` gives for the payloads it accepts: the same checks,
 * defaults filled, unknown keys left out, keys in the schema's order; a test holds the two
 * together over random and damaged payloads.
 *
 * @example quickBboxPayload({ v: 1, kind: 'bbox', boxes: [] })?.tags // []
 */
export function quickBboxPayload(record: Record<string, unknown>): BboxPayload | null {
  if (record['v'] !== 1 || record['kind'] !== 'bbox') return null;
  const boxes = record['boxes'];
  if (!Array.isArray(boxes)) return null;
  const read: Box[] = new Array<Box>(boxes.length);
  for (let i = 0; i < boxes.length; i++) {
    const box = quickBox(boxes[i]);
    if (box === null) return null;
    read[i] = box;
  }
  const noObjects = orDefault(record['noObjects'], false);
  if (typeof noObjects !== 'boolean') return null;
  const flags = quickFlags(record['flags']);
  if (flags === null) return null;
  const tags = orDefault(record['tags'], []);
  if (!Array.isArray(tags) || !tags.every((tag) => typeof tag === 'string')) return null;
  return { v: 1, kind: 'bbox', boxes: read, noObjects, flags, tags: [...(tags as string[])] };
}

function quickBox(value: unknown): Box | null {
  if (!isPlainObject(value)) return null;
  const { id, classId, x1, y1, x2, y2 } = value;
  if (typeof id !== 'string' || id.length < 1) return null;
  if (typeof classId !== 'number' || !Number.isSafeInteger(classId) || classId <= 0) return null;
  if (!isFiniteNumber(x1) || !isFiniteNumber(y1) || !isFiniteNumber(x2) || !isFiniteNumber(y2)) return null;
  if (!(x2 > x1 && y2 > y1)) return null;
  return { id, classId, x1, y1, x2, y2 };
}

function quickFlags(value: unknown): BboxPayload['flags'] | null {
  if (value === undefined) return { unsure: false, comment: '', mediaBroken: false };
  if (!isPlainObject(value)) return null;
  const unsure = orDefault(value['unsure'], false);
  const comment = orDefault(value['comment'], '');
  const mediaBroken = orDefault(value['mediaBroken'], false);
  if (typeof unsure !== 'boolean' || typeof comment !== 'string' || comment.length > MAX_COMMENT || typeof mediaBroken !== 'boolean') return null;
  return { unsure, comment, mediaBroken };
}

/** A schema default applies to a missing value only (`null` is a wrong value, not a missing one). */
function orDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
