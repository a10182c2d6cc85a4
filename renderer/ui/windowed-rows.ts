import { useCallback, useEffect, useLayoutEffect, useState } from 'react';

/** The rows of a list to render, `start` included and `end` excluded, and the space above and below them. */
export interface RowWindow {
  start: number;
  end: number;
  /** Pixels of the rows left out above (`start` rows) and below. */
  before: number;
  after: number;
}

/**
 * Which rows of `count` rows of `rowHeight` pixels show in a viewport of `viewportHeight` scrolled
 * to `scrollTop`, with `overscan` rows more on each side so a quick scroll never shows a gap.
 *
 * @example
 * visibleRows({ scrollTop: 500, viewportHeight: 300, rowHeight: 50, count: 1000, overscan: 2 });
 * // { start: 8, end: 19, before: 400, after: 49050 }
 */
export function visibleRows({
  scrollTop,
  viewportHeight,
  rowHeight,
  count,
  overscan,
}: {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  overscan: number;
}): RowWindow {
  const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  // Scrolled past the end (the list shrank before the browser caught up): the last rows show.
  const first = Math.min(Math.floor(Math.max(0, scrollTop) / rowHeight), Math.max(0, count - shown));
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, first + shown + overscan);
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}

/** How many rows from the end of what is loaded the next page is asked for. */
const NEAR_END_ROWS = 20;

/**
 * Renders a long list a window at a time: pass `setScroller` as the scrolling element's `ref`, render rows
 * `start` to `end` between spacers of `before` and `after` pixels (every row `rowHeight` tall),
 * and `onNearEnd` is called when the window comes near the last loaded row (to fetch the next
 * page); `overscan` rows more are rendered on each side of the view (8 unless said). `scrollToRow`
 * brings a row into view, for keyboard navigation.
 */
export function useWindowedRows<E extends HTMLElement>(
  count: number,
  rowHeight: number,
  { onNearEnd, overscan = 8 }: { onNearEnd?: () => void; overscan?: number } = {},
) {
  // A callback ref: the element is state, so the listeners follow it when it mounts again.
  const [element, setScroller] = useState<E | null>(null);
  // The first row in view rather than the scroll offset: a scroll within a row renders nothing again.
  const [view, setView] = useState({ topRow: 0, viewportHeight: 0 });

  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => {
      const next = { topRow: Math.floor(Math.max(0, element.scrollTop) / rowHeight), viewportHeight: element.clientHeight };
      setView((now) => (now.topRow === next.topRow && now.viewportHeight === next.viewportHeight ? now : next));
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    const resizes = new ResizeObserver(measure);
    resizes.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      resizes.disconnect();
    };
  }, [element, rowHeight]);

  const rows = visibleRows({ scrollTop: view.topRow * rowHeight, viewportHeight: view.viewportHeight, rowHeight, count, overscan });
  const nearEnd = view.viewportHeight > 0 && rows.end >= count - NEAR_END_ROWS;
  useEffect(() => {
    if (nearEnd) onNearEnd?.();
  }, [nearEnd, count, onNearEnd]);

  const scrollToRow = useCallback(
    (index: number) => {
      if (!element) return;
      const top = index * rowHeight;
      if (top < element.scrollTop) element.scrollTo({ top });
      else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTo({ top: top + rowHeight - element.clientHeight });
    },
    [element, rowHeight],
  );

  return { setScroller, element, ...rows, scrollToRow };
}
