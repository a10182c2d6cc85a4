import type { AnnotationPayload } from '../../../shared/annotation/payload';

/** Edits every kind of annotation shares: the labeler's tags and flags. Each keeps the payload's own type. */

export function toggleTag<Payload extends AnnotationPayload>(payload: Payload, tag: string): Payload {
  const tags = payload.tags.includes(tag) ? payload.tags.filter((t) => t !== tag) : [...payload.tags, tag];
  return { ...payload, tags };
}

export function setUnsure<Payload extends AnnotationPayload>(payload: Payload, unsure: boolean): Payload {
  return { ...payload, flags: { ...payload.flags, unsure } };
}

export function setComment<Payload extends AnnotationPayload>(payload: Payload, comment: string): Payload {
  return { ...payload, flags: { ...payload.flags, comment } };
}

export function setMediaBroken<Payload extends AnnotationPayload>(payload: Payload, mediaBroken: boolean): Payload {
  return { ...payload, flags: { ...payload.flags, mediaBroken } };
}
