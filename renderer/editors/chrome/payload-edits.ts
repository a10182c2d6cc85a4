import type { AnnotationPayload } from '../../../shared/annotation/payload';
import type { Tag } from '../../../shared/domain/project';

/** Edits every kind of annotation shares: the labeler's tags and flags. Each keeps the payload's own type. */

/**
 * Gives the tag or takes it off. The tag is known by any name it has had: a draft begun before a
 * rename holds its old name, and toggling takes that off too rather than adding it twice.
 */
export function toggleTag<Payload extends AnnotationPayload>(payload: Payload, tag: Pick<Tag, 'name' | 'formerNames'>): Payload {
  const names = new Set([tag.name, ...tag.formerNames]);
  const given = payload.tags.some((t) => names.has(t));
  return { ...payload, tags: given ? payload.tags.filter((t) => !names.has(t)) : [...payload.tags, tag.name] };
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
