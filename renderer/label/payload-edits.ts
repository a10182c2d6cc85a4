import type { AnnotationPayload } from '../../shared/annotation/payload';

/** Edits every kind of annotation shares: the labeler's tags and flags. */

export function toggleTag(payload: AnnotationPayload, tag: string): AnnotationPayload {
  const tags = payload.tags.includes(tag) ? payload.tags.filter((t) => t !== tag) : [...payload.tags, tag];
  return { ...payload, tags };
}

export function setUnsure(payload: AnnotationPayload, unsure: boolean): AnnotationPayload {
  return { ...payload, flags: { ...payload.flags, unsure } };
}

export function setComment(payload: AnnotationPayload, comment: string): AnnotationPayload {
  return { ...payload, flags: { ...payload.flags, comment } };
}

export function setMediaBroken(payload: AnnotationPayload, mediaBroken: boolean): AnnotationPayload {
  return { ...payload, flags: { ...payload.flags, mediaBroken } };
}
