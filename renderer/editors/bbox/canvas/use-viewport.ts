import type Konva from 'konva';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import type { Point } from '../../../../shared/geometry/box-geometry';
import { fitViewport, keepCentre, wheelZoomFactor, zoomAround, zoomLimits, type Size, type Viewport } from '../../../../shared/geometry/viewport';

/** CSS pixels kept clear around a fitted image. */
const FIT_PADDING = 16;

export interface ViewportControls {
  /** The current viewport, for handlers that run outside React. */
  viewportRef: RefObject<Viewport>;
  /** Shows a given view (a pan step). */
  setViewport(viewport: Viewport): void;
  fit(): void;
  /** One image pixel per CSS pixel, around the centre of the view. */
  actualSize(): void;
  /** Zooms around a stage point, the centre of the view by default. */
  zoomBy(factor: number, around?: Point): void;
}

/**
 * The viewport lives in a ref and is applied to the Konva stage directly: panning and
 * zooming redraw the canvas without a React render. The image is fitted when it changes
 * and, until the labeler zooms or pans, whenever the canvas is resized; after that a
 * resize keeps the centre of the view. The mouse wheel zooms around the pointer.
 *
 * The container carries `data-scale` and `data-offset` ("x,y"), the viewport as last
 * applied, for tests that turn image coordinates into screen coordinates.
 */
export function useViewport(
  stageRef: RefObject<Konva.Stage | null>,
  containerRef: RefObject<HTMLDivElement | null>,
  imageSize: Size & { url: string },
  stageSize: Size | null,
): ViewportControls {
  const viewportRef = useRef<Viewport>({ scale: 1, x: 0, y: 0 });
  const followsFit = useRef(true);
  const shown = useRef<{ url: string; stageSize: Size } | null>(null);
  const { url, width: imageW, height: imageH } = imageSize;

  const apply = useCallback(
    (viewport: Viewport) => {
      viewportRef.current = viewport;
      const stage = stageRef.current;
      if (stage) {
        stage.scale({ x: viewport.scale, y: viewport.scale });
        stage.position({ x: viewport.x, y: viewport.y });
        stage.batchDraw();
      }
      const container = containerRef.current;
      if (container) {
        container.dataset['scale'] = viewport.scale.toFixed(4);
        container.dataset['offset'] = `${viewport.x.toFixed(2)},${viewport.y.toFixed(2)}`;
      }
    },
    [stageRef, containerRef],
  );

  const fit = useCallback(() => {
    if (!stageSize) return;
    followsFit.current = true;
    apply(fitViewport(imageW, imageH, stageSize.width, stageSize.height, FIT_PADDING));
  }, [apply, imageW, imageH, stageSize]);

  const setViewport = useCallback(
    (viewport: Viewport) => {
      followsFit.current = false;
      apply(viewport);
    },
    [apply],
  );

  const zoomBy = useCallback(
    (factor: number, around?: Point) => {
      if (!stageSize) return;
      const { minScale, maxScale } = zoomLimits(fitViewport(imageW, imageH, stageSize.width, stageSize.height, FIT_PADDING).scale);
      const centre = { x: stageSize.width / 2, y: stageSize.height / 2 };
      setViewport(zoomAround(viewportRef.current, around ?? centre, factor, minScale, maxScale));
    },
    [setViewport, imageW, imageH, stageSize],
  );

  const actualSize = useCallback(() => {
    if (!stageSize) return;
    const centre = { x: stageSize.width / 2, y: stageSize.height / 2 };
    // Limits of exactly 1 land on 1, where 1 / scale × scale might not.
    setViewport(zoomAround(viewportRef.current, centre, 1 / viewportRef.current.scale, 1, 1));
  }, [setViewport, stageSize]);

  useLayoutEffect(() => {
    if (!stageSize) return;
    const previous = shown.current;
    if (!previous || previous.url !== url || followsFit.current) fit();
    else if (previous.stageSize !== stageSize) apply(keepCentre(viewportRef.current, previous.stageSize, stageSize));
    shown.current = { url, stageSize };
  }, [url, stageSize, fit, apply]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const bounds = container.getBoundingClientRect();
      zoomBy(wheelZoomFactor(event.deltaY, event.deltaMode), { x: event.clientX - bounds.left, y: event.clientY - bounds.top });
    };
    // Passive listeners cannot stop the page from scrolling; React's onWheel is passive.
    container.addEventListener('wheel', onWheel, { passive: false });
    return () => container.removeEventListener('wheel', onWheel);
  }, [containerRef, zoomBy]);

  return useMemo(() => ({ viewportRef, setViewport, fit, actualSize, zoomBy }), [setViewport, fit, actualSize, zoomBy]);
}
