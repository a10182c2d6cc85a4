import type { AnnotationPayload, BboxPayload, TranscriptPayload } from './payload';

const NO_FLAGS = { unsure: false, comment: '', mediaBroken: false };

/**
 * What a labeler starts from on a sample they have not touched.
 * @example emptyPayload('bbox').boxes // []
 */
export function emptyPayload(kind: 'bbox'): BboxPayload;
export function emptyPayload(kind: 'transcript'): TranscriptPayload;
export function emptyPayload(kind: AnnotationPayload['kind']): AnnotationPayload;
export function emptyPayload(kind: AnnotationPayload['kind']): AnnotationPayload {
  return kind === 'bbox'
    ? { v: 1, kind, boxes: [], noObjects: false, flags: NO_FLAGS, tags: [] }
    : { v: 1, kind, mode: 'clip', segments: [], noSpeech: false, flags: NO_FLAGS, tags: [] };
}
