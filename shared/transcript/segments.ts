import type { Segment } from '../annotation/payload';

/**
 * Rules for transcript segments, in integer milliseconds from the start of the clip:
 * segments never overlap, stay inside the audio, are at least MIN_SEGMENT_MS long, and
 * are kept in time order. Edits that would break a rule are bent to fit (clipped to the
 * free gap, stopped at a neighbour) or refused (null), never stored broken.
 */

/** Shorter than a syllable: a drag this small is a click, not a segment. */
export const MIN_SEGMENT_MS = 100;
/** A boundary this close to a neighbour's snaps onto it, so adjacent segments meet exactly. */
export const SNAP_MS = 40;

export interface Span {
  startMs: number;
  endMs: number;
}

const byStart = (a: Span, b: Span) => a.startMs - b.startMs;

/**
 * The position `ms` moves to when it is within `tolerance` of one of `targets`.
 * @example snapTo(1012, [1000, 2000]) // 1000
 */
export function snapTo(ms: number, targets: readonly number[], tolerance = SNAP_MS): number {
  let best = ms;
  let distance = tolerance + 1;
  for (const target of targets) {
    const d = Math.abs(target - ms);
    if (d <= tolerance && d < distance) {
      best = target;
      distance = d;
    }
  }
  return best;
}

/** Boundaries a segment edge may snap to: the clip's ends and the other segments' edges. */
function snapTargets(segments: readonly Segment[], exceptId: string | null, durationMs: number): number[] {
  return [0, durationMs, ...segments.filter((s) => s.id !== exceptId).flatMap((s) => [s.startMs, s.endMs])];
}

/**
 * Adds a segment for a drag from `aMs` to `bMs` (either direction). It is clipped to the
 * free stretch of audio where the drag began; null when that leaves less than the minimum.
 * @example addSegment([], 'a', 900, 300, 5000)?.map((s) => [s.startMs, s.endMs]) // [[300, 900]]
 */
export function addSegment(segments: readonly Segment[], id: string, aMs: number, bMs: number, durationMs: number, text = ''): Segment[] | null {
  const targets = snapTargets(segments, null, durationMs);
  let start = snapTo(Math.round(Math.max(0, Math.min(aMs, bMs))), targets);
  let end = snapTo(Math.round(Math.min(durationMs, Math.max(aMs, bMs))), targets);
  const anchor = Math.round(Math.min(Math.max(aMs, 0), durationMs));
  if (segments.some((s) => s.startMs < anchor && anchor < s.endMs)) return null; // the drag began inside a segment
  const before = segments.filter((s) => s.endMs <= anchor).reduce((edge, s) => Math.max(edge, s.endMs), 0);
  const after = segments.filter((s) => s.startMs >= anchor).reduce((edge, s) => Math.min(edge, s.startMs), durationMs);
  start = Math.max(start, before);
  end = Math.min(end, after);
  if (end - start < MIN_SEGMENT_MS) return null;
  return [...segments, { id, startMs: start, endMs: end, text }].sort(byStart);
}

/**
 * Moves one edge of a segment: it snaps to nearby edges and stops at its neighbours, the
 * clip's ends and the minimum length.
 */
export function moveEdge(segments: readonly Segment[], id: string, side: 'start' | 'end', ms: number, durationMs: number): Segment[] {
  const index = segments.findIndex((s) => s.id === id);
  const segment = segments[index];
  if (!segment) return [...segments];
  const previousEnd = segments[index - 1]?.endMs ?? 0;
  const nextStart = segments[index + 1]?.startMs ?? durationMs;
  const snapped = snapTo(Math.round(ms), snapTargets(segments, id, durationMs));
  const moved =
    side === 'start'
      ? { ...segment, startMs: Math.min(Math.max(snapped, previousEnd), segment.endMs - MIN_SEGMENT_MS) }
      : { ...segment, endMs: Math.max(Math.min(snapped, nextStart), segment.startMs + MIN_SEGMENT_MS) };
  return segments.map((s) => (s.id === id ? moved : s));
}

/** Sets both edges at once (a region dragged whole, or trimmed from either end), within the same rules. */
export function setSpan(segments: readonly Segment[], id: string, span: Span, durationMs: number): Segment[] {
  const current = segments.find((s) => s.id === id);
  if (!current) return [...segments];
  const startMoved = Math.round(span.startMs) !== current.startMs;
  const endMoved = Math.round(span.endMs) !== current.endMs;
  if (startMoved && endMoved) {
    // Moved whole: keep the length, stop at the neighbours.
    const index = segments.indexOf(current);
    const previousEnd = segments[index - 1]?.endMs ?? 0;
    const nextStart = segments[index + 1]?.startMs ?? durationMs;
    const length = current.endMs - current.startMs;
    const start = Math.min(Math.max(Math.round(span.startMs), previousEnd), nextStart - length);
    if (start < previousEnd) return [...segments];
    return segments.map((s) => (s.id === id ? { ...s, startMs: start, endMs: start + length } : s));
  }
  if (startMoved) return moveEdge(segments, id, 'start', span.startMs, durationMs);
  if (endMoved) return moveEdge(segments, id, 'end', span.endMs, durationMs);
  return [...segments];
}

export function setText(segments: readonly Segment[], id: string, text: string): Segment[] {
  return segments.map((s) => (s.id === id ? { ...s, text } : s));
}

export function removeSegment(segments: readonly Segment[], id: string): Segment[] {
  return segments.filter((s) => s.id !== id);
}

/** The segment playing at `ms`, if any. */
export function segmentAt(segments: readonly Segment[], ms: number): Segment | null {
  return segments.find((s) => s.startMs <= ms && ms < s.endMs) ?? null;
}

/**
 * Whole-clip mode keeps one segment: where speech starts and ends (trimmed) and its text.
 * Going there from several segments joins their text in order over their whole span.
 * @example toClip([{ id: 'a', startMs: 100, endMs: 900, text: 'um,' }, { id: 'b', startMs: 1000, endMs: 2000, text: "today's weather" }], 'c', 3000)
 *   // [{ id: 'c', startMs: 100, endMs: 2000, text: "um, today's weather" }]
 */
export function toClip(segments: readonly Segment[], id: string, durationMs: number): Segment[] {
  if (segments.length === 0) return [];
  if (segments.length === 1) return [...segments];
  const sorted = [...segments].sort(byStart);
  const text = sorted
    .map((s) => s.text.trim())
    .filter((t) => t !== '')
    .join(' ');
  return [{ id, startMs: sorted[0]!.startMs, endMs: Math.min(durationMs, sorted.at(-1)!.endMs), text }];
}

/** The one segment of a clip-mode transcript, made on first use to span the whole clip. */
export function clipSegment(segments: readonly Segment[], id: string, durationMs: number): Segment {
  return segments[0] ?? { id, startMs: 0, endMs: durationMs, text: '' };
}
