import { textColorOn } from './class-style';

/** A class name to show at a box's top-left corner, in stage pixels. */
export interface ClassTag {
  text: string;
  color: string;
  x: number;
  y: number;
}

const FONT = '600 11px system-ui, sans-serif';
const TAG_HEIGHT = 16;
const PADDING_X = 4;
/** Half the box outline: the tag lines up with the outline's outer edge. */
const OUTLINE_HALF = 1;

// Measuring text is slow and class names repeat on every frame.
const textWidths = new Map<string, number>();
const textColors = new Map<string, string>();

/**
 * Draws class-name tags, constant in size whatever the zoom: above a box when there is
 * room on the stage, inside its top edge otherwise. The context's transform must be the
 * device pixel ratio alone, so coordinates are stage pixels.
 */
export function drawClassTags(ctx: CanvasRenderingContext2D, tags: readonly ClassTag[]): void {
  if (tags.length === 0) return;
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  for (const tag of tags) {
    let width = textWidths.get(tag.text);
    if (width === undefined) {
      width = ctx.measureText(tag.text).width;
      textWidths.set(tag.text, width);
    }
    let ink = textColors.get(tag.color);
    if (ink === undefined) {
      ink = textColorOn(tag.color);
      textColors.set(tag.color, ink);
    }
    const left = tag.x - OUTLINE_HALF;
    const top = tag.y - OUTLINE_HALF >= TAG_HEIGHT ? tag.y - OUTLINE_HALF - TAG_HEIGHT : tag.y;
    ctx.fillStyle = tag.color;
    ctx.fillRect(left, top, Math.ceil(width) + 2 * PADDING_X, TAG_HEIGHT);
    ctx.fillStyle = ink;
    ctx.fillText(tag.text, left + PADDING_X, top + TAG_HEIGHT / 2 + 0.5);
  }
}
