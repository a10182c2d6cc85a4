import type { QueueItem, QueueStatus } from './annotation';

/**
 * A window on a labeler's queue: the items around one position, with the whole queue's length
 * and counts. The label screen keeps only this, so a queue of 100,000 samples costs the screen
 * what a queue of a hundred does.
 */
export interface QueueWindow {
  /** Position in the whole queue (from 0) of `items[0]`. */
  start: number;
  items: QueueItem[];
  /** Items in the whole queue. */
  total: number;
  counts: Record<QueueStatus, number>;
  /** The position asked for, kept within the queue; when none was asked, the first sample not yet submitted. */
  position: number;
}

/** Items a window holds before and after its position unless asked otherwise. */
export const WINDOW_BEFORE = 30;
export const WINDOW_AFTER = 70;

/**
 * The window of `items` around `around` (null: the first item not yet submitted, or the first
 * when all are): up to `before` items before it and `after` after it.
 *
 * @example
 * queueWindow(items, 500).items[0] === items[470]; // with the default 30 before
 */
export function queueWindow(items: readonly QueueItem[], around: number | null, before = WINDOW_BEFORE, after = WINDOW_AFTER): QueueWindow {
  const counts: Record<QueueStatus, number> = { todo: 0, draft: 0, submitted: 0 };
  let firstOpen = -1;
  for (let i = 0; i < items.length; i++) {
    const { status } = items[i]!;
    counts[status]++;
    if (firstOpen === -1 && status !== 'submitted') firstOpen = i;
  }
  const position = Math.max(0, Math.min(around ?? Math.max(firstOpen, 0), items.length - 1));
  const start = Math.max(0, position - before);
  return { start, items: items.slice(start, position + after + 1), total: items.length, counts, position };
}

/** The item at `position` of the whole queue, if the window holds it. */
export function itemAt(window: QueueWindow, position: number): QueueItem | undefined {
  return position >= window.start ? window.items[position - window.start] : undefined;
}
