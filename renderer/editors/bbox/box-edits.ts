import type { BboxPayload, Box } from '../../../shared/annotation/payload';
import { moveRect } from '../../../shared/geometry/box-geometry';
import type { BoxRect } from './canvas-contract';

/** Every change a labeler makes to a sample's boxes, as pure functions of the payload. */

/** A short id unique within a payload; random so copies between samples never collide. */
export function newBoxId(): string {
  return `b${crypto.getRandomValues(new Uint32Array(2)).reduce((id, n) => id + n.toString(36), '')}`;
}

const replaceBox = (payload: BboxPayload, id: string, change: (box: Box) => Box): BboxPayload => ({
  ...payload,
  boxes: payload.boxes.map((box) => (box.id === id ? change(box) : box)),
});

/** Drawing a box also withdraws a "no objects" answer: the two contradict each other. */
export function addBox(payload: BboxPayload, rect: BoxRect, classId: number, id = newBoxId()): BboxPayload {
  return { ...payload, noObjects: false, boxes: [...payload.boxes, { id, classId, ...rect }] };
}

export function setBoxRect(payload: BboxPayload, id: string, rect: BoxRect): BboxPayload {
  return replaceBox(payload, id, (box) => ({ ...box, ...rect }));
}

export function deleteBox(payload: BboxPayload, id: string): BboxPayload {
  return { ...payload, boxes: payload.boxes.filter((box) => box.id !== id) };
}

export function setBoxClass(payload: BboxPayload, id: string, classId: number): BboxPayload {
  const box = payload.boxes.find((b) => b.id === id);
  return !box || box.classId === classId ? payload : replaceBox(payload, id, (b) => ({ ...b, classId }));
}

export function nudgeBox(payload: BboxPayload, id: string, dx: number, dy: number, image: { width: number; height: number }): BboxPayload {
  return replaceBox(payload, id, (box) => ({ ...box, ...moveRect(box, dx, dy, image.width, image.height) }));
}

/**
 * The previous sample's boxes, added to this one with fresh ids, clipped to this image
 * (samples can differ in size); boxes of classes that no longer exist are left out.
 */
export function copyBoxes(payload: BboxPayload, from: readonly Box[], image: { width: number; height: number }, classIds: ReadonlySet<number>): BboxPayload {
  const copies = from
    .filter((box) => classIds.has(box.classId))
    .map((box) => ({
      ...box,
      x1: Math.max(0, box.x1),
      y1: Math.max(0, box.y1),
      x2: Math.min(image.width, box.x2),
      y2: Math.min(image.height, box.y2),
      id: newBoxId(),
    }))
    .filter((box) => box.x2 > box.x1 && box.y2 > box.y1);
  return copies.length === 0 ? payload : { ...payload, noObjects: false, boxes: [...payload.boxes, ...copies] };
}

/** "No objects" is only an answer for an image without boxes. */
export function setNoObjects(payload: BboxPayload, noObjects: boolean): BboxPayload {
  return payload.boxes.length > 0 && noObjects ? payload : { ...payload, noObjects };
}
