import type { Segment, TranscriptPayload } from './payload';
import { isPlainObject, orDefault, quickFlagsAndTags, quickList } from './quick-payload-parts';

/**
 * A current-version transcript payload read without zod, or null when anything about it is not
 * plainly valid (then the schema reads it, and says what is wrong). Whole-project agreement
 * reads every submitted answer (60,000 at 20,000 clips), and zod's parse was a good part of that
 * read. It gives exactly what `transcriptPayloadSchema` gives for the payloads it accepts: the
 * same checks, defaults filled, unknown keys left out, keys in the schema's order; a test holds
 * the two together over random and damaged payloads.
 *
 * @example quickTranscriptPayload({ v: 1, kind: 'transcript', mode: 'clip', segments: [] })?.noSpeech // false
 */
export function quickTranscriptPayload(record: Record<string, unknown>): TranscriptPayload | null {
  if (record['v'] !== 1 || record['kind'] !== 'transcript') return null;
  const mode = record['mode'];
  if (mode !== 'clip' && mode !== 'segments') return null;
  const segments = quickList(record['segments'], quickSegment);
  if (segments === null) return null;
  const noSpeech = orDefault(record['noSpeech'], false);
  if (typeof noSpeech !== 'boolean') return null;
  const common = quickFlagsAndTags(record);
  if (common === null) return null;
  return { v: 1, kind: 'transcript', mode, segments, noSpeech, flags: common.flags, tags: common.tags };
}

function quickSegment(value: unknown): Segment | null {
  if (!isPlainObject(value)) return null;
  const { id, startMs, endMs, text } = value;
  if (typeof id !== 'string' || id.length < 1 || typeof text !== 'string') return null;
  if (!isWholeMs(startMs) || !isWholeMs(endMs) || !(endMs > startMs)) return null;
  return { id, startMs, endMs, text };
}

/** What `z.number().int().nonnegative()` takes: a safe integer, zero or more. */
function isWholeMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
