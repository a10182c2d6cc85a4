import type Konva from 'konva';
import { memo, useCallback, useLayoutEffect, useRef, type RefObject } from 'react';
import { Layer, Rect, Shape, Transformer } from 'react-konva';
import type { Box } from '../../../../shared/annotation/payload';
import { clampRect, foldScale, resizeWithinImage, roundCorners, toSizedRect, type Corners, type Point } from '../../../../shared/geometry/box-geometry';
import { imageToStage, stageToImage, type Viewport } from '../../../../shared/geometry/viewport';
import { withAlpha, type ClassStyle } from './class-style';
import { drawClassTags } from './class-tags';
import { BOX_STROKE_WIDTH } from './draw-boxes';
import { CLICK_SLOP } from './pointer-thresholds';

interface SelectionLayerProps {
  box: Box | null;
  style: ClassStyle;
  fillOpacity: number;
  imageWidth: number;
  imageHeight: number;
  viewportRef: RefObject<Viewport>;
  onChange(id: string, rect: Corners): void;
}

/** Screen pixels around the outline that still grab the box. */
const GRAB_MARGIN = 12;
/** Thicker than a settled box's outline, with dashes over it: the selection stands out in a crowd. */
const SELECTED_STROKE_WIDTH = BOX_STROKE_WIDTH + 1;

/** Konva name of the selected box's node, by which pointer handlers recognise a press on it. */
export const SELECTED_BOX_NAME = 'selected-box';

/**
 * The selected box, alone on its layer with its resize handles, so moving or resizing it
 * redraws one box, not the thousand settled ones. Konva moves the node during the
 * gesture; the change is reported once, at its end, in image pixels.
 */
export const SelectionLayer = memo(function SelectionLayer({ box, style, fillOpacity, imageWidth, imageHeight, viewportRef, onChange }: SelectionLayerProps) {
  const rectRef = useRef<Konva.Rect>(null);
  const transformerRef = useRef<Konva.Transformer>(null);
  const boxRef = useRef(box);
  useLayoutEffect(() => {
    boxRef.current = box;
  });

  const boxId = box?.id ?? null;
  useLayoutEffect(() => {
    transformerRef.current?.nodes(rectRef.current ? [rectRef.current] : []);
  }, [boxId]);

  const keepInImage = useCallback(
    (position: Point): Point => {
      const node = rectRef.current;
      if (!node) return position;
      const viewport = viewportRef.current;
      const origin = stageToImage(viewport, position);
      const moved = clampRect({ x1: origin.x, y1: origin.y, x2: origin.x + node.width(), y2: origin.y + node.height() }, imageWidth, imageHeight);
      return imageToStage(viewport, { x: moved.x1, y: moved.y1 });
    },
    [viewportRef, imageWidth, imageHeight],
  );

  const boundResize = useCallback(
    (oldBox: Konva.Box, newBox: Konva.Box): Konva.Box => {
      const viewport = viewportRef.current;
      const before = stageBoxToImage(viewport, oldBox);
      const proposed = stageBoxToImage(viewport, newBox);
      const bounded = resizeWithinImage(
        { x1: before.x, y1: before.y, x2: before.x + before.width, y2: before.y + before.height },
        proposed,
        imageWidth,
        imageHeight,
      );
      const topLeft = imageToStage(viewport, { x: bounded.x1, y: bounded.y1 });
      return { x: topLeft.x, y: topLeft.y, width: (bounded.x2 - bounded.x1) * viewport.scale, height: (bounded.y2 - bounded.y1) * viewport.scale, rotation: 0 };
    },
    [viewportRef, imageWidth, imageHeight],
  );

  /** Reports the gesture's result; if the store does not take it, the next frame puts the node back where the store says. */
  const report = useCallback(
    (node: Konva.Rect, rect: Corners) => {
      const current = boxRef.current;
      if (!current) return;
      const rounded = roundCorners(rect);
      node.setAttrs({ ...toSizedRect(rounded), scaleX: 1, scaleY: 1 });
      if (rounded.x1 !== current.x1 || rounded.y1 !== current.y1 || rounded.x2 !== current.x2 || rounded.y2 !== current.y2) onChange(current.id, rounded);
      requestAnimationFrame(() => {
        const settled = boxRef.current;
        if (settled && rectRef.current === node) node.setAttrs(toSizedRect(settled));
      });
    },
    [onChange],
  );

  const handleDragEnd = useCallback(() => {
    const node = rectRef.current;
    if (node) report(node, { x1: node.x(), y1: node.y(), x2: node.x() + node.width(), y2: node.y() + node.height() });
  }, [report]);

  const handleTransformEnd = useCallback(() => {
    const node = rectRef.current;
    if (node) report(node, foldScale({ x: node.x(), y: node.y(), width: node.width(), height: node.height(), scaleX: node.scaleX(), scaleY: node.scaleY() }));
  }, [report]);

  const drawTag = useCallback(
    (context: Konva.Context) => {
      const node = rectRef.current;
      if (!node) return;
      const corner = node.getAbsolutePosition();
      const ctx = context._context;
      const ratio = context.getCanvas().getPixelRatio();
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      drawClassTags(ctx, [{ text: style.name, color: style.color, x: Math.round(corner.x), y: Math.round(corner.y) }]);
    },
    [style],
  );

  return (
    <Layer>
      {box && (
        <>
          <Rect
            key={box.id}
            ref={rectRef}
            name={SELECTED_BOX_NAME}
            {...toSizedRect(box)}
            stroke={style.color}
            strokeWidth={SELECTED_STROKE_WIDTH}
            strokeScaleEnabled={false}
            fill={withAlpha(style.color, fillOpacity)}
            hitStrokeWidth={GRAB_MARGIN}
            perfectDrawEnabled={false}
            draggable
            // A click is not a move, and a move is an undo step.
            dragDistance={CLICK_SLOP}
            dragBoundFunc={keepInImage}
            onDragEnd={handleDragEnd}
            onTransformEnd={handleTransformEnd}
            onMouseEnter={setMoveCursor}
            onMouseLeave={clearCursor}
          />
          <Shape sceneFunc={drawTag} listening={false} perfectDrawEnabled={false} />
        </>
      )}
      <Transformer
        ref={transformerRef}
        rotateEnabled={false}
        keepRatio={false}
        flipEnabled={false}
        ignoreStroke
        borderStroke="#ffffff"
        borderStrokeWidth={1}
        borderDash={[4, 4]}
        anchorSize={9}
        anchorCornerRadius={2}
        anchorStroke={style.color}
        anchorStrokeWidth={1.5}
        anchorFill="#ffffff"
        boundBoxFunc={boundResize}
      />
    </Layer>
  );
});

function stageBoxToImage(viewport: Viewport, box: Konva.Box) {
  const origin = stageToImage(viewport, box);
  return { x: origin.x, y: origin.y, width: box.width / viewport.scale, height: box.height / viewport.scale };
}

function setMoveCursor(event: Konva.KonvaEventObject<MouseEvent>): void {
  const stage = event.target.getStage();
  if (stage) stage.content.style.cursor = 'move';
}

function clearCursor(event: Konva.KonvaEventObject<MouseEvent>): void {
  const stage = event.target.getStage();
  if (stage) stage.content.style.cursor = '';
}
