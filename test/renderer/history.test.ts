import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, MERGE_WINDOW_MS, record, redo, startHistory, undo } from '../../renderer/editors/history';

describe('undo history', () => {
  it('undoes and redoes steps in order, and a new edit drops the redo branch', () => {
    let h = startHistory('a');
    h = record(h, 'b');
    h = record(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'x');
    expect(h.future).toEqual([]);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe('b');
  });

  it('merges quick repeats of the same command into one step, but not other commands or slow repeats', () => {
    let h = startHistory(0);
    h = record(h, 1, 'nudge:b1', 1000);
    h = record(h, 2, 'nudge:b1', 1100);
    h = record(h, 3, 'nudge:b1', 1200);
    expect(h.past).toEqual([0]);
    h = record(h, 4, 'nudge:b2', 1300);
    expect(h.past).toEqual([0, 3]);
    h = record(h, 5, 'nudge:b2', 1300 + MERGE_WINDOW_MS + 1);
    expect(h.past).toEqual([0, 3, 4]);
    expect(undo(h).present).toBe(4);
  });

  it('ignores a non-change and keeps a bounded past', () => {
    let h = startHistory({ n: 0 });
    expect(record(h, h.present)).toBe(h);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = record(h, { n: i });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toEqual({ n: 10 });
  });
});
