import type { TranscriptPayload } from '../../../shared/annotation/payload';
import { addSegment, clipSegment, removeSegment, setSpan, setText, toClip, type Span } from '../../../shared/transcript/segments';

/** A labeler's changes to a transcript, as pure functions of the payload (the segment rules live in shared/). */

export function newSegmentId(): string {
  return `s${crypto.getRandomValues(new Uint32Array(2)).reduce((id, n) => id + n.toString(36), '')}`;
}

/** A new segment from a drag; the payload is unchanged when the rules refuse it. Speaking withdraws "no speech". */
export function withNewSegment(payload: TranscriptPayload, id: string, span: Span, durationMs: number): TranscriptPayload {
  const segments = addSegment(payload.segments, id, span.startMs, span.endMs, durationMs);
  return segments ? { ...payload, segments, noSpeech: false } : payload;
}

export function withSpan(payload: TranscriptPayload, id: string, span: Span, durationMs: number): TranscriptPayload {
  return { ...payload, segments: setSpan(payload.segments, id, span, durationMs) };
}

export function withText(payload: TranscriptPayload, id: string, text: string): TranscriptPayload {
  return { ...payload, segments: setText(payload.segments, id, text) };
}

/** Whole-clip text: the clip's one segment is made (spanning the audio) on the first keystroke. */
export function withClipText(payload: TranscriptPayload, text: string, durationMs: number): TranscriptPayload {
  const segment = clipSegment(payload.segments, newSegmentId(), durationMs);
  return { ...payload, noSpeech: false, segments: [{ ...segment, text }] };
}

export function withoutSegment(payload: TranscriptPayload, id: string): TranscriptPayload {
  return { ...payload, segments: removeSegment(payload.segments, id) };
}

export function withMode(payload: TranscriptPayload, mode: TranscriptPayload['mode'], durationMs: number): TranscriptPayload {
  if (mode === payload.mode) return payload;
  return mode === 'clip' ? { ...payload, mode, segments: toClip(payload.segments, newSegmentId(), durationMs) } : { ...payload, mode };
}

/** "No speech" is an answer only for a transcript without segments. */
export function withNoSpeech(payload: TranscriptPayload, noSpeech: boolean): TranscriptPayload {
  return noSpeech && payload.segments.some((s) => s.text.trim() !== '') ? payload : { ...payload, noSpeech, segments: noSpeech ? [] : payload.segments };
}
