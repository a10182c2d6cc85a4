import { describe, expect, it } from 'vitest';
import type { QueueItem, QueueStatus } from '../../../shared/domain/annotation';
import { itemAt, queueWindow } from '../../../shared/domain/queue-window';

const queueOf = (statuses: QueueStatus[]): QueueItem[] =>
  statuses.map((status, i) => ({ sampleId: i + 1, displayName: `s${i + 1}.png`, sha256: `h${i + 1}`, width: 1, height: 1, durationMs: null, status }));

describe('a window on a labeler queue', () => {
  it('opens where work is left, with the whole queue’s length and counts', () => {
    const window = queueWindow(queueOf(['submitted', 'submitted', 'draft', 'todo', 'todo']), null, 1, 1);
    expect(window).toMatchObject({ position: 2, start: 1, total: 5, counts: { todo: 2, draft: 1, submitted: 2 } });
    expect(window.items.map((item) => item.sampleId)).toEqual([2, 3, 4]);
    expect(itemAt(window, 2)?.sampleId).toBe(3);
    expect(itemAt(window, 0)).toBeUndefined();
    expect(itemAt(window, 4)).toBeUndefined();
  });

  it('opens on the first sample when everything is submitted, and keeps a position asked within the queue', () => {
    expect(queueWindow(queueOf(['submitted', 'submitted']), null).position).toBe(0);
    expect(queueWindow(queueOf(['todo', 'todo', 'todo']), 99, 1, 1)).toMatchObject({ position: 2, start: 1 });
    expect(queueWindow([], null)).toMatchObject({ position: 0, start: 0, items: [], total: 0 });
  });
});
