import Konva from 'konva';
import { useImperativeHandle, useMemo, useRef, type CSSProperties, type Ref } from 'react';
import { Stage } from 'react-konva';
import type { Box } from '../../../shared/annotation/payload';
import { BoxesLayer } from './canvas/BoxesLayer';
import { classStyle } from './canvas/class-style';
import { DrawLayer, type DrawLayerHandle } from './canvas/DrawLayer';
import { ImageLayer } from './canvas/ImageLayer';
import { SelectionLayer } from './canvas/SelectionLayer';
import { useContainerSize } from './canvas/use-container-size';
import { useLoadedImage } from './canvas/use-loaded-image';
import { usePointerGestures } from './canvas/use-pointer-gestures';
import { useViewport } from './canvas/use-viewport';
import type { BboxCanvasHandle, BboxCanvasProps } from './canvas-contract';

// Every layer is a canvas the size of the stage times this ratio; beyond 2 the extra
// pixels cost fill time on every frame for detail the eye does not see.
Konva.pixelRatio = Math.min(globalThis.devicePixelRatio || 1, 2);

const NO_BOXES: readonly Box[] = [];

const CONTAINER_STYLE: CSSProperties = {
  position: 'relative',
  width: '100%',
  height: '100%',
  overflow: 'hidden',
  background: '#1b1f24',
  touchAction: 'none',
  userSelect: 'none',
};
// Out of the flow, so the stage's own size never feeds back into the size the container observes.
const STAGE_STYLE: CSSProperties = { position: 'absolute', inset: 0 };

/**
 * The bounding-box canvas: shows an image with its boxes, draws, selects, moves and
 * resizes boxes with the mouse, and zooms and pans. It fills its parent, which must have
 * a size. Data comes in through props and every finished gesture goes out as one intent
 * (see `BboxCanvasProps`); the viewport is its own, driven by the handle.
 *
 * Layers by update rate: the image; the settled boxes; the selected box with its
 * handles; the box being drawn with the crosshair.
 *
 * @example
 * <BboxCanvas ref={canvasRef} image={{ url, width, height }} boxes={boxes} classes={classes}
 *   currentClassId={classId} selectedId={selectedId} boxesVisible boxOpacity={0.15}
 *   onCreate={addBox} onChange={updateBox} onSelect={select} onImageError={reportError} />
 */
export function BboxCanvas({
  ref,
  image,
  boxes,
  classes,
  currentClassId,
  selectedId,
  boxesVisible,
  boxOpacity,
  onCreate,
  onChange,
  onSelect,
  onImageError,
}: BboxCanvasProps & { ref?: Ref<BboxCanvasHandle> }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const drawLayerRef = useRef<DrawLayerHandle>(null);
  const stageSize = useContainerSize(containerRef);
  const bitmap = useLoadedImage(image.url, onImageError);
  const viewport = useViewport(stageRef, containerRef, image, stageSize);
  useImperativeHandle(ref, () => ({ fit: viewport.fit, actualSize: viewport.actualSize, zoomBy: (factor) => viewport.zoomBy(factor) }), [viewport]);

  const classById = useMemo(() => new Map(classes.map((c) => [c.id, c])), [classes]);
  const selectedBox = useMemo(() => boxes.find((b) => b.id === selectedId) ?? null, [boxes, selectedId]);
  const settledBoxes = useMemo(() => (selectedBox ? boxes.filter((b) => b !== selectedBox) : boxes), [boxes, selectedBox]);
  const selectedStyle = useMemo(() => classStyle(selectedBox ? classById.get(selectedBox.classId) : undefined), [selectedBox, classById]);
  const drawColor = currentClassId === null ? null : (classById.get(currentClassId)?.color ?? null);

  usePointerGestures({
    containerRef,
    stageRef,
    drawLayerRef,
    viewport,
    imageSize: image,
    drawColor,
    clickableBoxes: boxesVisible ? settledBoxes : NO_BOXES,
    selectedBox,
    onCreate,
    onSelect,
  });

  return (
    <div
      ref={containerRef}
      data-testid="bbox-canvas"
      // Which image is decoded and on screen: tests and the benchmark wait for it.
      data-image-ready={bitmap ? image.url : undefined}
      role="application"
      aria-label="Image canvas"
      tabIndex={0}
      style={CONTAINER_STYLE}
    >
      {stageSize && (
        <Stage ref={stageRef} width={stageSize.width} height={stageSize.height} style={STAGE_STYLE}>
          <ImageLayer bitmap={bitmap} width={image.width} height={image.height} />
          <BoxesLayer boxes={settledBoxes} classById={classById} fillOpacity={boxOpacity} visible={boxesVisible} />
          <SelectionLayer
            box={selectedBox}
            style={selectedStyle}
            fillOpacity={boxOpacity}
            imageWidth={image.width}
            imageHeight={image.height}
            viewportRef={viewport.viewportRef}
            onChange={onChange}
          />
          <DrawLayer ref={drawLayerRef} fillOpacity={boxOpacity} />
        </Stage>
      )}
    </div>
  );
}
