import type { Box } from '../annotation/payload';

/**
 * Box geometry in full-resolution image pixels: the rules every editor gesture obeys
 * (ordered corners, inside the image, never smaller than the minimum), free of any
 * canvas library so they can be tested and reused by keyboard commands.
 */

/** Box corners, ordered: x1 < x2, y1 < y2. */
export type Corners = Pick<Box, 'x1' | 'y1' | 'x2' | 'y2'>;

export interface Point {
  x: number;
  y: number;
}

/** Origin and size, as canvas nodes describe themselves; a size is negative after a drag up or left. */
export interface SizedRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The smallest box side, in image pixels. One pixel is too thin to mean anything (and
 * rounds to nothing in most export formats), while two is still below what detectors
 * are trained on, so no real object is refused.
 */
export const MIN_BOX_SIZE = 2;

/**
 * The box spanned by a drag from `a` to `b`, whatever its direction.
 * @example normalizeRect(30, 40, 10, 5) // { x1: 10, y1: 5, x2: 30, y2: 40 }
 */
export function normalizeRect(ax: number, ay: number, bx: number, by: number): Corners {
  return { x1: Math.min(ax, bx), y1: Math.min(ay, by), x2: Math.max(ax, bx), y2: Math.max(ay, by) };
}

/**
 * The nearest point inside the image: a drag that leaves the image still ends on its edge.
 * @example clampPoint({ x: -5, y: 120 }, 100, 80) // { x: 0, y: 80 }
 */
export function clampPoint(point: Point, imageW: number, imageH: number): Point {
  return { x: clamp(point.x, 0, imageW), y: clamp(point.y, 0, imageH) };
}

/**
 * Shifts a box back inside the image keeping its size, as when a moved box hits an edge;
 * a box larger than the image is cut to it.
 * @example clampRect({ x1: 90, y1: -10, x2: 110, y2: 10 }, 100, 80) // { x1: 80, y1: 0, x2: 100, y2: 20 }
 */
export function clampRect(rect: Corners, imageW: number, imageH: number): Corners {
  const [x1, x2] = clampSpan(rect.x1, rect.x2, imageW);
  const [y1, y2] = clampSpan(rect.y1, rect.y2, imageH);
  return { x1, y1, x2, y2 };
}

/**
 * Whether both sides reach the minimum size; a smaller drag counts as a click.
 * @example isBigEnough({ x1: 0, y1: 0, x2: 1, y2: 50 }) // false
 */
export function isBigEnough(rect: Corners, minSize = MIN_BOX_SIZE): boolean {
  return rect.x2 - rect.x1 >= minSize && rect.y2 - rect.y1 >= minSize;
}

/**
 * Moves a box by a delta (a drag, an arrow-key nudge), stopping at the image's edges.
 * @example moveRect({ x1: 10, y1: 10, x2: 20, y2: 20 }, -15, 1, 100, 80) // { x1: 0, y1: 11, x2: 10, y2: 21 }
 */
export function moveRect(rect: Corners, dx: number, dy: number, imageW: number, imageH: number): Corners {
  return clampRect({ x1: rect.x1 + dx, y1: rect.y1 + dy, x2: rect.x2 + dx, y2: rect.y2 + dy }, imageW, imageH);
}

/**
 * The box a resize handle may produce: each edge the handle moved stays inside the image
 * and at least `minSize` from the opposite edge, which does not move. Dragging an edge
 * past the opposite one therefore stops at the minimum size instead of flipping the box.
 * @param before the box when the gesture step started
 * @param proposed where the handle would put it (size may be negative past the opposite edge)
 * @example resizeWithinImage({ x1: 10, y1: 10, x2: 50, y2: 50 }, { x: -20, y: 10, width: 70, height: 40 }, 100, 80)
 * // { x1: 0, y1: 10, x2: 50, y2: 50 } — the left edge stopped at the image's edge
 */
export function resizeWithinImage(before: Corners, proposed: SizedRect, imageW: number, imageH: number, minSize = MIN_BOX_SIZE): Corners {
  const [x1, x2] = resizeSpan(before.x1, before.x2, proposed.x, proposed.x + proposed.width, imageW, minSize);
  const [y1, y2] = resizeSpan(before.y1, before.y2, proposed.y, proposed.y + proposed.height, imageH, minSize);
  return { x1, y1, x2, y2 };
}

/**
 * The corners of a node after a resize handle scaled it: the scale is folded into the size,
 * so the node can be reset to scale 1 and strokes never stretch. A negative scale (a flip)
 * extends the box the other way from its origin.
 * @example foldScale({ x: 10, y: 10, width: 20, height: 10, scaleX: 1.5, scaleY: -2 }) // { x1: 10, y1: -10, x2: 40, y2: 10 }
 */
export function foldScale(node: SizedRect & { scaleX: number; scaleY: number }): Corners {
  return normalizeRect(node.x, node.y, node.x + node.width * node.scaleX, node.y + node.height * node.scaleY);
}

/**
 * Origin and size of a box, the form canvas nodes take.
 * @example toSizedRect({ x1: 10, y1: 20, x2: 15, y2: 30 }) // { x: 10, y: 20, width: 5, height: 10 }
 */
export function toSizedRect(rect: Corners): SizedRect {
  return { x: rect.x1, y: rect.y1, width: rect.x2 - rect.x1, height: rect.y2 - rect.y1 };
}

/**
 * Corners rounded to hundredths of a pixel. Pointer positions divided by the zoom carry
 * sixteen meaningless digits into every stored box; 0.01 px is far below what anyone can place.
 * @example roundCorners({ x1: 1.23456, y1: 2, x2: 3.999, y2: 4.006 }) // { x1: 1.23, y1: 2, x2: 4, y2: 4.01 }
 */
export function roundCorners(rect: Corners): Corners {
  return { x1: round2(rect.x1), y1: round2(rect.y1), x2: round2(rect.x2), y2: round2(rect.y2) };
}

/**
 * The box a click at `point` means. An outline within `edgeTolerance` wins (the nearest
 * one), so a large box can be picked by its edge even where smaller boxes lie inside it;
 * otherwise the smallest box containing the point, the innermost of nested boxes.
 * @example boxAtPoint([outer, inner], { x: 50, y: 50 }, 3) // inner, if the point is inside both and near neither edge
 */
export function boxAtPoint<T extends Corners>(boxes: readonly T[], point: Point, edgeTolerance: number): T | null {
  let nearestEdge: T | null = null;
  let nearestEdgeDistance = Infinity;
  let smallest: T | null = null;
  let smallestArea = Infinity;
  for (const box of boxes) {
    const { x, y } = point;
    if (x < box.x1 - edgeTolerance || x > box.x2 + edgeTolerance || y < box.y1 - edgeTolerance || y > box.y2 + edgeTolerance) continue;
    const edgeDistance = Math.min(Math.abs(x - box.x1), Math.abs(x - box.x2), Math.abs(y - box.y1), Math.abs(y - box.y2));
    if (edgeDistance <= edgeTolerance) {
      if (edgeDistance < nearestEdgeDistance) {
        nearestEdge = box;
        nearestEdgeDistance = edgeDistance;
      }
    } else {
      const area = (box.x2 - box.x1) * (box.y2 - box.y1);
      if (area < smallestArea) {
        smallest = box;
        smallestArea = area;
      }
    }
  }
  return nearestEdge ?? smallest;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function round2(value: number): number {
  // `+ 0` turns the -0 that rounding a tiny negative error gives into 0.
  return Math.round(value * 100) / 100 + 0;
}

function clampSpan(start: number, end: number, limit: number): [number, number] {
  const length = end - start;
  if (length >= limit) return [0, limit];
  const shifted = clamp(start, 0, limit - length);
  return [shifted, shifted + length];
}

/** One axis of a resize: the edge that moved more is the one the handle holds. */
function resizeSpan(start: number, end: number, proposedStart: number, proposedEnd: number, limit: number, minSize: number): [number, number] {
  const startMoved = Math.abs(proposedStart - start) > Math.abs(proposedEnd - end);
  if (startMoved) return [Math.max(0, Math.min(proposedStart, end - minSize)), end];
  return [start, Math.min(limit, Math.max(proposedEnd, start + minSize))];
}
