import { describe, expect, it } from 'vitest';
import { visibleRows } from '../../renderer/ui/windowed-rows';

describe('a windowed list', () => {
  it('renders the rows in view with a few more either side, and spacers for the rest', () => {
    expect(visibleRows({ scrollTop: 500, viewportHeight: 300, rowHeight: 50, count: 1000, overscan: 2 })).toEqual({
      start: 8,
      end: 19,
      before: 400,
      after: (1000 - 19) * 50,
    });
  });

  it('keeps the total height of a list of 100,000 rows while rendering a handful', () => {
    const rows = visibleRows({ scrollTop: 2_000_000, viewportHeight: 600, rowHeight: 40, count: 100_000, overscan: 8 });
    expect(rows.end - rows.start).toBeLessThan(40);
    expect(rows.before + (rows.end - rows.start) * 40 + rows.after).toBe(100_000 * 40);
    expect(rows.start * 40).toBeLessThanOrEqual(2_000_000);
    expect(rows.end * 40).toBeGreaterThanOrEqual(2_000_000 + 600);
  });

  it('stays within the list at its ends, empty or short', () => {
    expect(visibleRows({ scrollTop: 0, viewportHeight: 600, rowHeight: 40, count: 0, overscan: 8 })).toEqual({ start: 0, end: 0, before: 0, after: 0 });
    expect(visibleRows({ scrollTop: 0, viewportHeight: 600, rowHeight: 40, count: 5, overscan: 8 })).toEqual({ start: 0, end: 5, before: 0, after: 0 });
    // Scrolled past the end (the list shrank under a filter): the last rows, not nothing.
    const past = visibleRows({ scrollTop: 10_000, viewportHeight: 400, rowHeight: 40, count: 50, overscan: 8 });
    expect(past.end).toBe(50);
    expect(past.after).toBe(0);
  });
});
