import type { ApiIssue } from '../api/errors';
import type { AnnotationPayload, Box } from './payload';

export interface PayloadContext {
  kind: 'bbox' | 'transcript';
  classIds: ReadonlySet<number>;
  tagNames: ReadonlySet<string>;
  /** Full-resolution size of the image being labeled. */
  image: { width: number; height: number } | null;
  durationMs: number | null;
  /**
   * Classes retired from new labeling, and which boxes may still carry one: those the label
   * already had. Old labels stay readable and editable; only a new box (or a box moved to a
   * retired class) is refused.
   */
  retiredClasses?: { ids: ReadonlySet<number>; names: ReadonlyMap<number, string>; kept(box: Box): boolean };
}

/**
 * Everything in a well-formed payload that does not fit the sample and project it is
 * for: a box outside the image, an unknown class or tag, a segment past the end of the
 * audio. Returns one issue per problem, with the field's path; empty when all is well.
 * @example payloadProblems(payload, context) // [{ path: 'payload.boxes.2.x2', message: 'is past the image's right edge (640)' }]
 */
export function payloadProblems(payload: AnnotationPayload, context: PayloadContext): ApiIssue[] {
  const issues: ApiIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path: `payload.${path}`, message });
  if (payload.kind !== context.kind) {
    issue('kind', `is ${payload.kind}, but this is a ${context.kind} project`);
    return issues;
  }
  payload.tags.forEach((tag, i) => {
    if (!context.tagNames.has(tag)) issue(`tags.${i}`, `"${tag}" is not in the project's tag vocabulary`);
  });
  if (payload.kind === 'bbox') {
    const ids = new Set<string>();
    payload.boxes.forEach((box, i) => {
      if (ids.has(box.id)) issue(`boxes.${i}.id`, `"${box.id}" is used by two boxes`);
      ids.add(box.id);
      if (!context.classIds.has(box.classId)) issue(`boxes.${i}.classId`, `${box.classId} is not a class of this project`);
      const retired = context.retiredClasses;
      if (retired?.ids.has(box.classId) && !retired.kept(box))
        issue(`boxes.${i}.classId`, `“${retired.names.get(box.classId) ?? box.classId}” is retired: new boxes cannot use it`);
      if (box.x1 < 0) issue(`boxes.${i}.x1`, 'is left of the image');
      if (box.y1 < 0) issue(`boxes.${i}.y1`, 'is above the image');
      if (context.image && box.x2 > context.image.width) issue(`boxes.${i}.x2`, `is past the image's right edge (${context.image.width})`);
      if (context.image && box.y2 > context.image.height) issue(`boxes.${i}.y2`, `is below the image's bottom edge (${context.image.height})`);
    });
    if (payload.noObjects && payload.boxes.length > 0) issue('noObjects', 'is set, but the payload has boxes');
  } else {
    const ids = new Set<string>();
    payload.segments.forEach((segment, i) => {
      if (ids.has(segment.id)) issue(`segments.${i}.id`, `"${segment.id}" is used by two segments`);
      ids.add(segment.id);
      if (context.durationMs !== null && segment.endMs > context.durationMs)
        issue(`segments.${i}.endMs`, `is past the end of the audio (${context.durationMs} ms)`);
    });
  }
  return issues;
}
