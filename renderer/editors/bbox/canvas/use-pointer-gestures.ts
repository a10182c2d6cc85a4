import type Konva from 'konva';
import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { Box } from '../../../../shared/annotation/payload';
import { boxAtPoint, clampPoint, isBigEnough, normalizeRect, roundCorners, type Corners, type Point } from '../../../../shared/geometry/box-geometry';
import { stageToImage, type Size, type Viewport } from '../../../../shared/geometry/viewport';
import type { DrawLayerHandle } from './DrawLayer';
import { CLICK_SLOP, CLICK_TOLERANCE } from './pointer-thresholds';
import { SELECTED_BOX_NAME } from './SelectionLayer';
import type { ViewportControls } from './use-viewport';

export interface GestureInputs {
  containerRef: RefObject<HTMLDivElement | null>;
  stageRef: RefObject<Konva.Stage | null>;
  drawLayerRef: RefObject<DrawLayerHandle | null>;
  viewport: ViewportControls;
  imageSize: Size;
  /** The colour of a box drawn now; null when no class is chosen, and a drag draws nothing. */
  drawColor: string | null;
  /** Boxes a click can select: the visible ones besides the selected box. */
  clickableBoxes: readonly Box[];
  selectedBox: Box | null;
  onCreate(rect: Corners): void;
  onSelect(id: string | null): void;
}

type Gesture =
  | { kind: 'pan'; pointerId: number; startX: number; startY: number; startViewport: Viewport }
  | { kind: 'draw'; pointerId: number; start: Point; startImage: Point; moved: boolean; color: string | null }
  /** Konva moves the selected box; this only watches whether the press stays a click. */
  | { kind: 'press-selected'; pointerId: number; start: Point; moved: boolean };

/**
 * Mouse input on the canvas, outside React: a left drag on the image draws a box, a middle
 * drag or a drag with Space held pans, and the crosshair follows the pointer over the
 * image. Presses on the selected box and its handles are left to Konva, which moves and
 * resizes it. A click selects the box under the pointer (its outline, or else the
 * innermost box there, so a box inside the selected one can be picked) or deselects.
 * Escape abandons a box being drawn.
 */
export function usePointerGestures(inputs: GestureInputs): void {
  const latest = useRef(inputs);
  useLayoutEffect(() => {
    latest.current = inputs;
  });
  const { containerRef, stageRef, drawLayerRef } = inputs;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let gesture: Gesture | null = null;
    let spaceHeld = false;
    let pointerInside = false;

    const stagePoint = (event: MouseEvent): Point => {
      const bounds = container.getBoundingClientRect();
      return { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
    };
    const toImage = (point: Point) => stageToImage(latest.current.viewport.viewportRef.current, point);
    const insideImage = (point: Point) => {
      const { width, height } = latest.current.imageSize;
      return point.x >= 0 && point.y >= 0 && point.x <= width && point.y <= height;
    };

    const updateCursor = () => {
      container.style.cursor = gesture?.kind === 'pan' ? 'grabbing' : spaceHeld ? 'grab' : latest.current.drawColor ? 'crosshair' : 'default';
    };

    const showCrosshairAt = (event: MouseEvent) => {
      const point = toImage(stagePoint(event));
      drawLayerRef.current?.showCrosshair(insideImage(point) ? point : null);
    };

    const draftOf = (draw: Extract<Gesture, { kind: 'draw' }>, event: MouseEvent): Corners => {
      const { width, height } = latest.current.imageSize;
      const end = clampPoint(toImage(stagePoint(event)), width, height);
      drawLayerRef.current?.showCrosshair(end);
      return normalizeRect(draw.startImage.x, draw.startImage.y, end.x, end.y);
    };

    const endGesture = () => {
      gesture = null;
      window.removeEventListener('pointermove', onGestureMove);
      window.removeEventListener('pointerup', onGestureEnd);
      window.removeEventListener('pointercancel', onGestureCancel);
      drawLayerRef.current?.showDraft(null);
      updateCursor();
    };

    const onPointerDown = (event: PointerEvent) => {
      container.focus({ preventScroll: true });
      if (gesture) return;
      const point = stagePoint(event);
      const pressed = event.button === 0 ? stageRef.current?.getIntersection(point) : null;
      if (event.button === 1 || (event.button === 0 && spaceHeld)) {
        gesture = {
          kind: 'pan',
          pointerId: event.pointerId,
          startX: event.clientX,
          startY: event.clientY,
          startViewport: latest.current.viewport.viewportRef.current,
        };
      } else if (event.button === 0 && !pressed) {
        const { width, height } = latest.current.imageSize;
        gesture = {
          kind: 'draw',
          pointerId: event.pointerId,
          start: point,
          startImage: clampPoint(toImage(point), width, height),
          moved: false,
          color: latest.current.drawColor,
        };
      } else if (pressed?.hasName(SELECTED_BOX_NAME)) {
        gesture = { kind: 'press-selected', pointerId: event.pointerId, start: point, moved: false };
      } else {
        return;
      }
      window.addEventListener('pointermove', onGestureMove);
      window.addEventListener('pointerup', onGestureEnd);
      window.addEventListener('pointercancel', onGestureCancel);
      if (gesture.kind === 'press-selected') return;
      // Konva never sees a pan or a draw (the selected box must not move); no text gets selected.
      event.preventDefault();
      event.stopPropagation();
      updateCursor();
    };

    const onGestureMove = (event: PointerEvent) => {
      if (!gesture || event.pointerId !== gesture.pointerId) return;
      if (gesture.kind === 'pan') {
        const { startViewport, startX, startY } = gesture;
        latest.current.viewport.setViewport({ ...startViewport, x: startViewport.x + event.clientX - startX, y: startViewport.y + event.clientY - startY });
        return;
      }
      const point = stagePoint(event);
      gesture.moved ||= Math.hypot(point.x - gesture.start.x, point.y - gesture.start.y) > CLICK_SLOP;
      if (gesture.kind === 'press-selected') {
        showCrosshairAt(event);
        return;
      }
      const rect = draftOf(gesture, event);
      if (gesture.moved && gesture.color) drawLayerRef.current?.showDraft({ rect, color: gesture.color });
    };

    const onGestureEnd = (event: PointerEvent) => {
      if (!gesture || event.pointerId !== gesture.pointerId) return;
      const finished = gesture;
      endGesture();
      if (!pointerInside) drawLayerRef.current?.showCrosshair(null);
      if (finished.kind === 'pan' || (finished.kind === 'press-selected' && finished.moved)) return;
      const { onCreate, onSelect, selectedBox, clickableBoxes, viewport } = latest.current;
      if (finished.kind === 'draw') {
        const rect = draftOf(finished, event);
        if (finished.moved && finished.color && isBigEnough(rect)) {
          onCreate(roundCorners(rect));
          return;
        }
      }
      // A click, or a drag too small to be a box.
      const candidates = selectedBox ? [selectedBox, ...clickableBoxes] : clickableBoxes;
      const hit = boxAtPoint(candidates, toImage(finished.start), CLICK_TOLERANCE / viewport.viewportRef.current.scale);
      const id = hit?.id ?? null;
      if (id !== (selectedBox?.id ?? null)) onSelect(id);
    };

    const onGestureCancel = (event: PointerEvent) => {
      if (gesture && event.pointerId === gesture.pointerId) endGesture();
    };

    const onHover = (event: PointerEvent) => {
      pointerInside = true;
      if (gesture) return;
      showCrosshairAt(event);
      // The current class may have been chosen or cleared since the last move.
      updateCursor();
    };
    const onLeave = () => {
      pointerInside = false;
      if (!gesture) drawLayerRef.current?.showCrosshair(null);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && gesture?.kind === 'draw') {
        // The abandoned draw is the whole meaning of this Escape: nothing else should deselect on it.
        event.stopPropagation();
        endGesture();
        return;
      }
      if (event.code !== 'Space' || isTextEntry(event.target)) return;
      if (!pointerInside && document.activeElement !== container) return;
      event.preventDefault();
      if (spaceHeld) return;
      spaceHeld = true;
      const stage = stageRef.current;
      // Konva's own hover cursor (the box's "move", a handle's resize) would hide the hand.
      if (stage) stage.content.style.cursor = '';
      updateCursor();
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || !spaceHeld) return;
      spaceHeld = false;
      updateCursor();
    };
    const onBlur = () => {
      spaceHeld = false;
      if (gesture) endGesture();
      else updateCursor();
    };

    updateCursor();
    container.addEventListener('pointerdown', onPointerDown, { capture: true });
    container.addEventListener('pointermove', onHover);
    container.addEventListener('pointerleave', onLeave);
    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('keyup', onKeyUp, { capture: true });
    window.addEventListener('blur', onBlur);
    return () => {
      if (gesture) endGesture();
      container.removeEventListener('pointerdown', onPointerDown, { capture: true });
      container.removeEventListener('pointermove', onHover);
      container.removeEventListener('pointerleave', onLeave);
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('keyup', onKeyUp, { capture: true });
      window.removeEventListener('blur', onBlur);
    };
  }, [containerRef, stageRef, drawLayerRef]);
}

function isTextEntry(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
  );
}
