import type Konva from 'konva';
import { useCallback, useImperativeHandle, useRef, type Ref } from 'react';
import { Layer, Shape } from 'react-konva';
import type { Corners, Point } from '../../../../shared/geometry/box-geometry';
import { withAlpha } from './class-style';
import { BOX_STROKE_WIDTH } from './draw-boxes';

/** Drives the top layer from pointer handlers, without a React render per mouse move. */
export interface DrawLayerHandle {
  /** Puts the guide lines through an image point, or hides them. */
  showCrosshair(point: Point | null): void;
  /** Shows the box being drawn, or hides it. */
  showDraft(draft: { rect: Corners; color: string } | null): void;
}

interface DrawLayerProps {
  fillOpacity: number;
  ref?: Ref<DrawLayerHandle>;
}

interface Overlay {
  crosshair: Point | null;
  draft: { rect: Corners; color: string } | null;
}

/**
 * The fastest-changing layer: the box being drawn and the crosshair guides, both following
 * the pointer. Handlers write what to show and ask for one redraw of this layer only.
 */
export function DrawLayer({ fillOpacity, ref }: DrawLayerProps) {
  const layerRef = useRef<Konva.Layer>(null);
  const overlay = useRef<Overlay>({ crosshair: null, draft: null });

  useImperativeHandle(
    ref,
    () => ({
      showCrosshair(point) {
        if (point === overlay.current.crosshair) return;
        overlay.current.crosshair = point;
        layerRef.current?.batchDraw();
      },
      showDraft(draft) {
        if (draft === overlay.current.draft) return;
        overlay.current.draft = draft;
        layerRef.current?.batchDraw();
      },
    }),
    [],
  );

  const drawOverlay = useCallback(
    (context: Konva.Context, shape: Konva.Shape) => {
      const stage = shape.getStage();
      if (!stage) return;
      const { crosshair, draft } = overlay.current;
      const [scale = 1, , , , offsetX = 0, offsetY = 0] = shape.getAbsoluteTransform().getMatrix();
      const ctx = context._context;
      const ratio = context.getCanvas().getPixelRatio();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      if (draft) {
        const left = Math.round(draft.rect.x1 * scale + offsetX);
        const top = Math.round(draft.rect.y1 * scale + offsetY);
        const width = Math.round(draft.rect.x2 * scale + offsetX) - left;
        const height = Math.round(draft.rect.y2 * scale + offsetY) - top;
        if (fillOpacity > 0) {
          ctx.fillStyle = withAlpha(draft.color, fillOpacity);
          ctx.fillRect(left, top, width, height);
        }
        ctx.lineWidth = BOX_STROKE_WIDTH;
        ctx.strokeStyle = draft.color;
        ctx.strokeRect(left, top, width, height);
      }
      if (crosshair)
        drawCrosshair(ctx, Math.round(crosshair.x * scale + offsetX) + 0.5, Math.round(crosshair.y * scale + offsetY) + 0.5, stage.width(), stage.height());
    },
    [fillOpacity],
  );

  return (
    <Layer ref={layerRef} listening={false}>
      <Shape sceneFunc={drawOverlay} listening={false} perfectDrawEnabled={false} />
    </Layer>
  );
}

/** Thin lines across the whole stage, dark under light dashes so they show on any image. */
function drawCrosshair(ctx: CanvasRenderingContext2D, x: number, y: number, stageW: number, stageH: number): void {
  ctx.beginPath();
  ctx.moveTo(0, y);
  ctx.lineTo(stageW, y);
  ctx.moveTo(x, 0);
  ctx.lineTo(x, stageH);
  ctx.lineWidth = 1;
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.55)';
  ctx.stroke();
  ctx.setLineDash([4, 4]);
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.stroke();
  ctx.setLineDash([]);
}
