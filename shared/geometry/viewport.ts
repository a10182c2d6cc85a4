import type { Point } from './box-geometry';

/**
 * Where the image sits on the stage: a stage point is `image point × scale + (x, y)`.
 * Stage points are CSS pixels from the canvas's top-left corner.
 */
export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Zoom per wheel notch: small enough to land where intended, large enough to cross 1:1 to 32× in about 25 notches. */
export const WHEEL_NOTCH_FACTOR = 1.15;

/** Closest zoom: one image pixel covers 32 screen pixels, enough to place an edge on a pixel boundary. */
export const MAX_SCALE = 32;

/** Farthest zoom, as a fraction of the fitted scale: room around the image without losing it. */
export const MIN_SCALE_OF_FIT = 1 / 8;

/**
 * The viewport showing the whole image centred, `padding` CSS pixels clear of each side.
 * An image whose size is not known yet (0) is fitted as if it were one pixel.
 * @example fitViewport(200, 100, 420, 420, 10) // { scale: 2, x: 10, y: 110 }
 */
export function fitViewport(imageW: number, imageH: number, stageW: number, stageH: number, padding: number): Viewport {
  const availableW = Math.max(1, stageW - 2 * padding);
  const availableH = Math.max(1, stageH - 2 * padding);
  const scale = Math.min(availableW / Math.max(1, imageW), availableH / Math.max(1, imageH));
  return { scale, x: (stageW - imageW * scale) / 2, y: (stageH - imageH * scale) / 2 };
}

/**
 * The zoom range for an image whose fitted scale is `fitScale`. Actual size (1) is always
 * inside it, and so is the fit itself, even for a tiny image fitted above 32×.
 * @example zoomLimits(0.25) // { minScale: 0.03125, maxScale: 32 }
 */
export function zoomLimits(fitScale: number): { minScale: number; maxScale: number } {
  return { minScale: Math.min(fitScale * MIN_SCALE_OF_FIT, 1), maxScale: Math.max(MAX_SCALE, fitScale) };
}

/**
 * Zooms by `factor` keeping the image point under `pointer` where it is, the scale held
 * within the limits.
 * @example zoomAround({ scale: 1, x: 0, y: 0 }, { x: 100, y: 50 }, 2, 0.1, 32) // { scale: 2, x: -100, y: -50 }
 */
export function zoomAround(viewport: Viewport, pointer: Point, factor: number, minScale: number, maxScale: number): Viewport {
  const scale = Math.min(Math.max(viewport.scale * factor, minScale), maxScale);
  const anchor = stageToImage(viewport, pointer);
  return { scale, x: pointer.x - anchor.x * scale, y: pointer.y - anchor.y * scale };
}

/**
 * The image point shown at a stage point.
 * @example stageToImage({ scale: 2, x: 10, y: 20 }, { x: 30, y: 20 }) // { x: 10, y: 0 }
 */
export function stageToImage(viewport: Viewport, point: Point): Point {
  return { x: (point.x - viewport.x) / viewport.scale, y: (point.y - viewport.y) / viewport.scale };
}

/**
 * The stage point where an image point is shown.
 * @example imageToStage({ scale: 2, x: 10, y: 20 }, { x: 10, y: 0 }) // { x: 30, y: 20 }
 */
export function imageToStage(viewport: Viewport, point: Point): Point {
  return { x: point.x * viewport.scale + viewport.x, y: point.y * viewport.scale + viewport.y };
}

/**
 * The same view after the stage was resized: the image point at the centre stays there.
 * @example keepCentre({ scale: 1, x: 0, y: 0 }, { width: 100, height: 100 }, { width: 200, height: 100 }) // { scale: 1, x: 50, y: 0 }
 */
export function keepCentre(viewport: Viewport, before: Size, after: Size): Viewport {
  return { scale: viewport.scale, x: viewport.x + (after.width - before.width) / 2, y: viewport.y + (after.height - before.height) / 2 };
}

/**
 * The zoom factor for one wheel event: one mouse notch (100 px, or 3 lines) zooms by
 * `WHEEL_NOTCH_FACTOR`, and a touchpad's small deltas zoom smoothly in proportion.
 * Scrolling down (positive delta) zooms out.
 * @example wheelZoomFactor(-100, 0) // 1.15
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const LINE_PX = 100 / 3;
  const PAGE_PX = 800;
  const pixels = deltaMode === 1 ? deltaY * LINE_PX : deltaMode === 2 ? deltaY * PAGE_PX : deltaY;
  return Math.pow(WHEEL_NOTCH_FACTOR, -pixels / 100);
}
