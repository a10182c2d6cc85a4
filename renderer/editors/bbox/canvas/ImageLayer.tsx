import type Konva from 'konva';
import { memo, useCallback } from 'react';
import { Layer, Shape } from 'react-konva';

/** Shown where the image will be while it loads, so boxes never float over nothing. */
const PLACEHOLDER_COLOR = '#2b3038';

/**
 * Screen pixels per bitmap pixel from which the image is drawn without smoothing: close
 * up, a labeler places edges on pixel boundaries and needs to see them sharp.
 */
const SHARP_PIXELS_FROM = 3;

interface ImageLayerProps {
  /** The loaded bitmap, or null while it loads. It may be a downsampled rendition. */
  bitmap: ImageBitmap | null;
  /** Full-resolution size: the bitmap is stretched to it, so boxes keep full-resolution coordinates. */
  width: number;
  height: number;
}

/** The bottom layer: never clicked, redrawn only when the view moves or another image arrives. */
export const ImageLayer = memo(function ImageLayer({ bitmap, width, height }: ImageLayerProps) {
  const drawImage = useCallback(
    (context: Konva.Context, shape: Konva.Shape) => {
      const ctx = context._context;
      if (!bitmap) {
        ctx.fillStyle = PLACEHOLDER_COLOR;
        ctx.fillRect(0, 0, width, height);
        return;
      }
      const scale = shape.getAbsoluteTransform().getMatrix()[0] ?? 1;
      ctx.imageSmoothingEnabled = (scale * width) / bitmap.width < SHARP_PIXELS_FROM;
      ctx.drawImage(bitmap, 0, 0, width, height);
    },
    [bitmap, width, height],
  );

  return (
    <Layer listening={false}>
      <Shape sceneFunc={drawImage} listening={false} perfectDrawEnabled={false} />
    </Layer>
  );
});
