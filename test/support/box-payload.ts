import type { BboxPayload } from '../../shared/annotation/payload';

/** A box label with one box `width` pixels wide: saves that differ only by the width tell revisions apart. */
export function boxOfWidth(width: number): BboxPayload {
  return {
    v: 1,
    kind: 'bbox',
    boxes: [{ id: 'b', classId: 1, x1: 0, y1: 0, x2: width, y2: 10 }],
    noObjects: false,
    flags: { unsure: false, comment: '', mediaBroken: false },
    tags: [],
  };
}
