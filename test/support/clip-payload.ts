import type { TranscriptPayload } from '../../shared/annotation/payload';

/** A whole-clip transcript saying `text` over its first half second, with `tags`. */
export function clipTranscript(text: string, tags: string[] = []): TranscriptPayload {
  return {
    v: 1,
    kind: 'transcript',
    mode: 'clip',
    segments: [{ id: 's1', startMs: 0, endMs: 500, text }],
    noSpeech: false,
    flags: { unsure: false, comment: '', mediaBroken: false },
    tags,
  };
}
