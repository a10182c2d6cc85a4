import { useEffect, useState } from 'react';

/** How long to wait for a frame that may never come (a hidden window paints none). */
const NO_FRAME_MS = 100;

/**
 * Resolves once the browser has painted what was rendered so far: after the next frame, or after
 * 100 ms when no frame comes (a hidden window). Work that can wait a frame (requests, the next
 * part of a screen) is started after it, so what is already there is seen first.
 * @example await afterNextPaint(); startTheRest();
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, NO_FRAME_MS);
    requestAnimationFrame(() =>
      // The frame paints after its animation callbacks: the next task comes after the paint.
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }),
    );
  });
}

/**
 * False until `shown` has been true for one painted frame: parts of a screen that start requests
 * of their own are mounted after its first view is on screen, not in the same frame.
 */
export function usePaintedOnce(shown: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!shown || painted) return;
    let current = true;
    void afterNextPaint().then(() => current && setPainted(true));
    return () => {
      current = false;
    };
  }, [shown, painted]);
  return painted;
}
