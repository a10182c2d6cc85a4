import { useEffect, useState, type RefObject } from 'react';
import type { Size } from '../../../../shared/geometry/viewport';

/**
 * The element's content size in whole CSS pixels, followed as it changes; null until first
 * measured and while it has no area (a hidden tab), when there is nothing to draw on.
 */
export function useContainerSize(ref: RefObject<HTMLElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const width = Math.floor(entry.contentRect.width);
      const height = Math.floor(entry.contentRect.height);
      setSize((previous) => {
        if (width === 0 || height === 0) return null;
        return previous?.width === width && previous.height === height ? previous : { width, height };
      });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
