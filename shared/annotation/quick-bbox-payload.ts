import type { BboxPayload, Box } from './payload';
import { isPlainObject, orDefault, quickFlagsAndTags, quickList } from './quick-payload-parts';

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
  const boxes = quickList(record['boxes'], quickBox);
  if (boxes === null) return null;
  const noObjects = orDefault(record['noObjects'], false);
  if (typeof noObjects !== 'boolean') return null;
  const common = quickFlagsAndTags(record);
  if (common === null) return null;
  return { v: 1, kind: 'bbox', boxes, noObjects, flags: common.flags, tags: common.tags };
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

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
