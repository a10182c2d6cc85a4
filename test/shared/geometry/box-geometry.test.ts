import { describe, expect, it } from 'vitest';
import {
  boxAtPoint,
  clampPoint,
  clampRect,
  foldScale,
  isBigEnough,
  MIN_BOX_SIZE,
  moveRect,
  normalizeRect,
  resizeWithinImage,
  roundCorners,
  toSizedRect,
  type Corners,
} from '../../../shared/geometry/box-geometry';

const W = 100;
const H = 80;

describe('normalizeRect', () => {
  const expected = { x1: 10, y1: 20, x2: 30, y2: 50 };

  it.each([
    ['down-right', 10, 20, 30, 50],
    ['down-left', 30, 20, 10, 50],
    ['up-right', 10, 50, 30, 20],
    ['up-left', 30, 50, 10, 20],
  ])('orders the corners of a drag %s', (_direction, ax, ay, bx, by) => {
    expect(normalizeRect(ax, ay, bx, by)).toEqual(expected);
  });

  it('keeps a zero-size drag as a point', () => {
    expect(normalizeRect(5, 5, 5, 5)).toEqual({ x1: 5, y1: 5, x2: 5, y2: 5 });
  });
});

describe('clampPoint', () => {
  it.each([
    [
      { x: -5, y: 40 },
      { x: 0, y: 40 },
    ],
    [
      { x: 150, y: 40 },
      { x: W, y: 40 },
    ],
    [
      { x: 50, y: -1 },
      { x: 50, y: 0 },
    ],
    [
      { x: 50, y: 99 },
      { x: 50, y: H },
    ],
    [
      { x: -3, y: 200 },
      { x: 0, y: H },
    ],
    [
      { x: 12.5, y: 7.25 },
      { x: 12.5, y: 7.25 },
    ],
  ])('puts %o at %o', (point, expected) => {
    expect(clampPoint(point, W, H)).toEqual(expected);
  });
});

describe('clampRect', () => {
  it('leaves a box inside the image alone', () => {
    const rect = { x1: 10, y1: 10, x2: 20, y2: 20 };
    expect(clampRect(rect, W, H)).toEqual(rect);
  });

  it.each([
    ['left', { x1: -5, y1: 10, x2: 5, y2: 20 }, { x1: 0, y1: 10, x2: 10, y2: 20 }],
    ['right', { x1: 95, y1: 10, x2: 105, y2: 20 }, { x1: 90, y1: 10, x2: 100, y2: 20 }],
    ['top', { x1: 10, y1: -7, x2: 20, y2: 3 }, { x1: 10, y1: 0, x2: 20, y2: 10 }],
    ['bottom', { x1: 10, y1: 75, x2: 20, y2: 85 }, { x1: 10, y1: 70, x2: 20, y2: 80 }],
    ['top-left corner', { x1: -5, y1: -5, x2: 5, y2: 5 }, { x1: 0, y1: 0, x2: 10, y2: 10 }],
    ['bottom-right corner', { x1: 95, y1: 75, x2: 105, y2: 85 }, { x1: 90, y1: 70, x2: 100, y2: 80 }],
  ])('shifts a box past the %s edge back in, keeping its size', (_edge, rect, expected) => {
    expect(clampRect(rect, W, H)).toEqual(expected);
  });

  it('cuts a box larger than the image to the image', () => {
    expect(clampRect({ x1: -10, y1: 5, x2: 120, y2: 15 }, W, H)).toEqual({ x1: 0, y1: 5, x2: W, y2: 15 });
    expect(clampRect({ x1: 5, y1: -50, x2: 15, y2: 90 }, W, H)).toEqual({ x1: 5, y1: 0, x2: 15, y2: H });
  });
});

describe('moveRect', () => {
  const rect = { x1: 10, y1: 10, x2: 30, y2: 20 };

  it('moves by the delta inside the image', () => {
    expect(moveRect(rect, 5, -3, W, H)).toEqual({ x1: 15, y1: 7, x2: 35, y2: 17 });
  });

  it.each([
    ['left', -50, 0, { x1: 0, y1: 10, x2: 20, y2: 20 }],
    ['right', 500, 0, { x1: 80, y1: 10, x2: 100, y2: 20 }],
    ['up', 0, -50, { x1: 10, y1: 0, x2: 30, y2: 10 }],
    ['down', 0, 500, { x1: 10, y1: 70, x2: 30, y2: 80 }],
  ])('stops at the %s edge with the size kept', (_edge, dx, dy, expected) => {
    const moved = moveRect(rect, dx, dy, W, H);
    expect(moved).toEqual(expected);
    expect(moved.x2 - moved.x1).toBe(20);
    expect(moved.y2 - moved.y1).toBe(10);
  });
});

describe('isBigEnough', () => {
  it('accepts boxes whose sides both reach the minimum', () => {
    expect(isBigEnough({ x1: 0, y1: 0, x2: MIN_BOX_SIZE, y2: MIN_BOX_SIZE })).toBe(true);
    expect(isBigEnough({ x1: 3, y1: 3, x2: 50, y2: 40 })).toBe(true);
  });

  it('refuses a box too thin in either direction, or empty', () => {
    expect(isBigEnough({ x1: 0, y1: 0, x2: MIN_BOX_SIZE - 0.1, y2: 40 })).toBe(false);
    expect(isBigEnough({ x1: 0, y1: 0, x2: 40, y2: 1 })).toBe(false);
    expect(isBigEnough({ x1: 7, y1: 7, x2: 7, y2: 7 })).toBe(false);
  });

  it('takes another minimum when given one', () => {
    expect(isBigEnough({ x1: 0, y1: 0, x2: 5, y2: 5 }, 10)).toBe(false);
  });

  it('uses a minimum of at least one pixel', () => {
    expect(MIN_BOX_SIZE).toBeGreaterThanOrEqual(1);
  });
});

describe('resizeWithinImage', () => {
  const before = { x1: 20, y1: 20, x2: 60, y2: 50 };
  const proposed = (c: Corners) => ({ x: c.x1, y: c.y1, width: c.x2 - c.x1, height: c.y2 - c.y1 });

  it('accepts a resize that stays inside and large enough', () => {
    const after = { x1: 15, y1: 20, x2: 60, y2: 55 };
    expect(resizeWithinImage(before, proposed(after), W, H)).toEqual(after);
  });

  it.each([
    ['left', { x1: -30, y1: 20, x2: 60, y2: 50 }, { x1: 0, y1: 20, x2: 60, y2: 50 }],
    ['right', { x1: 20, y1: 20, x2: 130, y2: 50 }, { x1: 20, y1: 20, x2: W, y2: 50 }],
    ['top', { x1: 20, y1: -10, x2: 60, y2: 50 }, { x1: 20, y1: 0, x2: 60, y2: 50 }],
    ['bottom', { x1: 20, y1: 20, x2: 60, y2: 95 }, { x1: 20, y1: 20, x2: 60, y2: H }],
    ['top-left corner', { x1: -1, y1: -1, x2: 60, y2: 50 }, { x1: 0, y1: 0, x2: 60, y2: 50 }],
    ['bottom-right corner', { x1: 20, y1: 20, x2: 101, y2: 81 }, { x1: 20, y1: 20, x2: W, y2: H }],
  ])('stops the moving edge at the image %s edge, the opposite edge fixed', (_edge, after, expected) => {
    expect(resizeWithinImage(before, proposed(after), W, H)).toEqual(expected);
  });

  it('stops an edge at the minimum size instead of letting it cross the opposite edge', () => {
    // The left handle dragged to x = 70, past the right edge at 60: Konva proposes a negative width.
    expect(resizeWithinImage(before, { x: 70, y: 20, width: -10, height: 30 }, W, H)).toEqual({ x1: 60 - MIN_BOX_SIZE, y1: 20, x2: 60, y2: 50 });
    // The bottom handle dragged above the top edge.
    expect(resizeWithinImage(before, { x: 20, y: 20, width: 40, height: -15 }, W, H)).toEqual({ x1: 20, y1: 20, x2: 60, y2: 20 + MIN_BOX_SIZE });
  });

  it('keeps the fixed edges exactly where they were', () => {
    const result = resizeWithinImage(before, { x: 20.0000001, y: 20, width: 50 - 0.0000001, height: 30 }, W, H);
    expect(result.x1).toBe(20);
    expect(result.x2).toBeCloseTo(70);
  });

  it('never pushes an edge outside the image to honour the minimum', () => {
    const sliver = { x1: 0, y1: 10, x2: 1, y2: 40 };
    expect(resizeWithinImage(sliver, { x: 0.5, y: 10, width: 0.5, height: 30 }, W, H)).toEqual({ x1: 0, y1: 10, x2: 1, y2: 40 });
  });
});

describe('foldScale', () => {
  it('folds a plain scale into the size', () => {
    expect(foldScale({ x: 10, y: 20, width: 30, height: 40, scaleX: 2, scaleY: 0.5 })).toEqual({ x1: 10, y1: 20, x2: 70, y2: 40 });
  });

  it('is the identity at scale 1', () => {
    expect(foldScale({ x: 1, y: 2, width: 3, height: 4, scaleX: 1, scaleY: 1 })).toEqual({ x1: 1, y1: 2, x2: 4, y2: 6 });
  });

  it('orders the corners of a horizontally flipped node (negative scaleX)', () => {
    expect(foldScale({ x: 50, y: 20, width: 20, height: 10, scaleX: -1.5, scaleY: 1 })).toEqual({ x1: 20, y1: 20, x2: 50, y2: 30 });
  });

  it('orders the corners of a vertically flipped node (negative scaleY)', () => {
    expect(foldScale({ x: 5, y: 40, width: 10, height: 10, scaleX: 1, scaleY: -2 })).toEqual({ x1: 5, y1: 20, x2: 15, y2: 40 });
  });

  it('orders the corners when both axes are flipped', () => {
    expect(foldScale({ x: 50, y: 50, width: 10, height: 20, scaleX: -1, scaleY: -1 })).toEqual({ x1: 40, y1: 30, x2: 50, y2: 50 });
  });
});

describe('toSizedRect', () => {
  it('turns corners into origin and size', () => {
    expect(toSizedRect({ x1: 3, y1: 4, x2: 10, y2: 6 })).toEqual({ x: 3, y: 4, width: 7, height: 2 });
  });
});

describe('roundCorners', () => {
  it('rounds to hundredths of a pixel', () => {
    expect(roundCorners({ x1: 1.23456, y1: 2, x2: 3.999, y2: 10.126 })).toEqual({ x1: 1.23, y1: 2, x2: 4, y2: 10.13 });
  });

  it('gives 0, not -0, for a tiny negative error at the image edge', () => {
    expect(Object.is(roundCorners({ x1: -1e-13, y1: 0, x2: 5, y2: 5 }).x1, 0)).toBe(true);
  });
});

describe('boxAtPoint', () => {
  const outer = { id: 'outer', x1: 0, y1: 0, x2: 100, y2: 100 };
  const inner = { id: 'inner', x1: 40, y1: 40, x2: 60, y2: 60 };
  const apart = { id: 'apart', x1: 200, y1: 200, x2: 210, y2: 210 };
  const boxes = [outer, inner, apart];

  it('finds nothing in empty space', () => {
    expect(boxAtPoint(boxes, { x: 150, y: 150 }, 2)).toBeNull();
    expect(boxAtPoint([], { x: 1, y: 1 }, 2)).toBeNull();
  });

  it('prefers the innermost box containing the point', () => {
    expect(boxAtPoint(boxes, { x: 50, y: 50 }, 2)?.id).toBe('inner');
    expect(boxAtPoint(boxes, { x: 20, y: 20 }, 2)?.id).toBe('outer');
  });

  it('picks a box by its outline, inside or just outside it', () => {
    expect(boxAtPoint(boxes, { x: 101.5, y: 50 }, 2)?.id).toBe('outer');
    expect(boxAtPoint(boxes, { x: 198.5, y: 205 }, 2)?.id).toBe('apart');
    expect(boxAtPoint(boxes, { x: 197, y: 205 }, 2)).toBeNull();
  });

  it('lets the outline of a large box win over an inner box near it', () => {
    const hugging = { id: 'hugging', x1: 1, y1: 10, x2: 30, y2: 30 };
    expect(boxAtPoint([outer, hugging], { x: 0.3, y: 20 }, 2)?.id).toBe('outer');
    expect(boxAtPoint([outer, hugging], { x: 1.2, y: 20 }, 2)?.id).toBe('hugging');
  });
});
