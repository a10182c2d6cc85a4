import type Konva from 'konva';
import type { Box } from '../../../../shared/annotation/payload';
import { drawClassTags, type ClassTag } from './class-tags';

/** The settled boxes of one class: drawn with one path, one fill and one stroke. */
export interface ClassBoxes {
  color: string;
  name: string;
  boxes: readonly Box[];
}

/** Outline width in screen pixels, the same at every zoom. */
export const BOX_STROKE_WIDTH = 2;

/**
 * Names are drawn only while at most this many boxes are on screen: zoomed out over a
 * crowded image they would hide it (and cost a text draw each).
 */
export const MAX_NAMED_BOXES = 60;

/**
 * Scene function of the settled-boxes layer. A Konva node per box costs its own
 * transform, path and stroke on every pan and zoom frame; one path per class, with the
 * boxes off screen skipped, keeps a thousand boxes far below a frame's budget. Boxes are
 * placed on whole stage pixels so outlines stay crisp.
 */
export function drawSettledBoxes(context: Konva.Context, shape: Konva.Shape, groups: readonly ClassBoxes[], fillOpacity: number): void {
  const stage = shape.getStage();
  if (!stage) return;
  const [scale = 1, , , , offsetX = 0, offsetY = 0] = shape.getAbsoluteTransform().getMatrix();
  const stageW = stage.width();
  const stageH = stage.height();
  const ctx = context._context;
  const ratio = context.getCanvas().getPixelRatio();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.lineWidth = BOX_STROKE_WIDTH;

  const tags: ClassTag[] = [];
  let onScreen = 0;
  for (const group of groups) {
    ctx.beginPath();
    let drawn = 0;
    for (const box of group.boxes) {
      const left = Math.round(box.x1 * scale + offsetX);
      const top = Math.round(box.y1 * scale + offsetY);
      const right = Math.round(box.x2 * scale + offsetX);
      const bottom = Math.round(box.y2 * scale + offsetY);
      if (right < 0 || bottom < 0 || left > stageW || top > stageH) continue;
      ctx.rect(left, top, right - left, bottom - top);
      drawn++;
      if (onScreen + drawn <= MAX_NAMED_BOXES) tags.push({ text: group.name, color: group.color, x: left, y: top });
    }
    if (drawn === 0) continue;
    onScreen += drawn;
    if (fillOpacity > 0) {
      ctx.globalAlpha = fillOpacity;
      ctx.fillStyle = group.color;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = group.color;
    ctx.stroke();
  }
  if (onScreen <= MAX_NAMED_BOXES) drawClassTags(ctx, tags);
}
