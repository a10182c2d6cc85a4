import type { Box } from '../../../shared/annotation/payload';
import type { LabelClass } from '../../../shared/domain/project';

/**
 * The seam between the bounding-box canvas and the rest of the label screen: data in,
 * intents out. The canvas owns only what is transient (the viewport, a drag in flight);
 * boxes, selection and history live in the editor store.
 */

/** Box corners in full-resolution image pixels. */
export type BoxRect = Pick<Box, 'x1' | 'y1' | 'x2' | 'y2'>;

export interface CanvasImage {
  /** What to draw: the original, or a downsampled rendition of a very large image. */
  url: string;
  /** The image's full-resolution size, the coordinate space of every box. */
  width: number;
  height: number;
}

export interface BboxCanvasProps {
  image: CanvasImage;
  boxes: readonly Box[];
  classes: readonly LabelClass[];
  /** Class a new box gets (and the colour of the box being drawn). */
  currentClassId: number | null;
  selectedId: string | null;
  boxesVisible: boolean;
  /** Fill opacity of boxes, 0–1 (outlines stay opaque). */
  boxOpacity: number;
  /** A finished draw: normalised, clamped to the image, at least the minimum size. */
  onCreate(rect: BoxRect): void;
  /** The end of one move or resize gesture: one undo step. */
  onChange(id: string, rect: BoxRect): void;
  onSelect(id: string | null): void;
  onImageError(message: string): void;
}

/** Viewport actions for toolbar buttons and keyboard commands. */
export interface BboxCanvasHandle {
  fit(): void;
  actualSize(): void;
  zoomBy(factor: number): void;
}
