import { describe, expect, it } from 'vitest';
import {
  fitViewport,
  imageToStage,
  keepCentre,
  MAX_SCALE,
  stageToImage,
  WHEEL_NOTCH_FACTOR,
  wheelZoomFactor,
  zoomAround,
  zoomLimits,
  type Viewport,
} from '../../../shared/geometry/viewport';

describe('fitViewport', () => {
  it('fits a wide image to the stage width and centres it vertically', () => {
    const view = fitViewport(4000, 1000, 1000, 800, 20);
    expect(view.scale).toBeCloseTo(960 / 4000);
    expect(view.x).toBeCloseTo(20);
    expect(view.y).toBeCloseTo((800 - 1000 * view.scale) / 2);
  });

  it('fits a tall image to the stage height and centres it horizontally', () => {
    const view = fitViewport(1000, 3000, 1000, 800, 20);
    expect(view.scale).toBeCloseTo(760 / 3000);
    expect(view.y).toBeCloseTo(20);
    expect(view.x).toBeCloseTo((1000 - 1000 * view.scale) / 2);
  });

  it('enlarges a small image to fill the stage', () => {
    expect(fitViewport(100, 50, 1020, 1020, 10)).toEqual({ scale: 10, x: 10, y: 260 });
  });

  it('keeps the whole image on the stage, the margin on every side', () => {
    for (const [w, h] of [
      [20000, 20000],
      [4000, 3000],
      [640, 480],
      [37, 1999],
    ] as const) {
      const view = fitViewport(w, h, 1280, 800, 16);
      const topLeft = imageToStage(view, { x: 0, y: 0 });
      const bottomRight = imageToStage(view, { x: w, y: h });
      expect(topLeft.x).toBeGreaterThanOrEqual(16 - 1e-9);
      expect(topLeft.y).toBeGreaterThanOrEqual(16 - 1e-9);
      expect(bottomRight.x).toBeLessThanOrEqual(1280 - 16 + 1e-9);
      expect(bottomRight.y).toBeLessThanOrEqual(800 - 16 + 1e-9);
    }
  });

  it('gives a finite view for an image whose size is not known yet', () => {
    const view = fitViewport(0, 0, 800, 600, 16);
    expect(Number.isFinite(view.scale) && Number.isFinite(view.x) && Number.isFinite(view.y)).toBe(true);
    expect(view.scale).toBeGreaterThan(0);
  });

  it('still gives a usable scale when the stage is smaller than its margins', () => {
    const view = fitViewport(100, 100, 10, 10, 20);
    expect(view.scale).toBeGreaterThan(0);
    expect(Number.isFinite(view.x)).toBe(true);
  });
});

describe('zoomLimits', () => {
  it('allows zooming out to an eighth of the fit and in to 32×', () => {
    expect(zoomLimits(0.5)).toEqual({ minScale: 0.0625, maxScale: MAX_SCALE });
  });

  it('always allows actual size and the fit itself', () => {
    expect(zoomLimits(40)).toEqual({ minScale: 1, maxScale: 40 });
    expect(zoomLimits(12).minScale).toBe(1);
  });
});

describe('zoomAround', () => {
  const start: Viewport = { scale: 0.3, x: 40, y: -25 };

  it.each([
    [{ x: 0, y: 0 }, 2],
    [{ x: 640, y: 400 }, 1.15],
    [{ x: 1279, y: 10 }, 1 / 1.15],
    [{ x: 333.3, y: 777.7 }, 0.5],
  ])('keeps the image point under the pointer %o fixed (factor %d)', (pointer, factor) => {
    const before = stageToImage(start, pointer);
    const after = zoomAround(start, pointer, factor, 0.01, 32);
    expect(after.scale).toBeCloseTo(start.scale * factor);
    const under = stageToImage(after, pointer);
    expect(under.x).toBeCloseTo(before.x, 9);
    expect(under.y).toBeCloseTo(before.y, 9);
  });

  it('stops at the limits, still around the pointer', () => {
    const pointer = { x: 500, y: 300 };
    const before = stageToImage(start, pointer);
    const zoomedIn = zoomAround(start, pointer, 1000, 0.01, 32);
    expect(zoomedIn.scale).toBe(32);
    expect(stageToImage(zoomedIn, pointer).x).toBeCloseTo(before.x, 9);
    expect(zoomAround(start, pointer, 0.0001, 0.01, 32).scale).toBe(0.01);
  });

  it('changes nothing at factor 1', () => {
    const same = zoomAround(start, { x: 123, y: 456 }, 1, 0.01, 32);
    expect(same.scale).toBe(start.scale);
    expect(same.x).toBeCloseTo(start.x);
    expect(same.y).toBeCloseTo(start.y);
  });

  it('comes back to the same view after zooming in and out by the same notches', () => {
    let view = start;
    for (let i = 0; i < 10; i++) view = zoomAround(view, { x: 200, y: 100 }, WHEEL_NOTCH_FACTOR, 0.01, 32);
    for (let i = 0; i < 10; i++) view = zoomAround(view, { x: 200, y: 100 }, 1 / WHEEL_NOTCH_FACTOR, 0.01, 32);
    expect(view.scale).toBeCloseTo(start.scale, 9);
    expect(view.x).toBeCloseTo(start.x, 6);
    expect(view.y).toBeCloseTo(start.y, 6);
  });
});

describe('stageToImage and imageToStage', () => {
  const view: Viewport = { scale: 2.5, x: -120, y: 33 };

  it('convert in both directions', () => {
    expect(imageToStage(view, { x: 100, y: 10 })).toEqual({ x: 130, y: 58 });
    expect(stageToImage(view, { x: 130, y: 58 })).toEqual({ x: 100, y: 10 });
  });

  it('are inverse of each other', () => {
    const point = { x: 1234.56, y: -78.9 };
    const back = stageToImage(view, imageToStage(view, point));
    expect(back.x).toBeCloseTo(point.x, 9);
    expect(back.y).toBeCloseTo(point.y, 9);
  });
});

describe('keepCentre', () => {
  it('keeps the image point at the stage centre when the stage grows or shrinks', () => {
    const view: Viewport = { scale: 1.7, x: -40, y: 12 };
    const before = { width: 800, height: 600 };
    for (const after of [
      { width: 1280, height: 800 },
      { width: 400, height: 300 },
    ]) {
      const centreBefore = stageToImage(view, { x: before.width / 2, y: before.height / 2 });
      const centreAfter = stageToImage(keepCentre(view, before, after), { x: after.width / 2, y: after.height / 2 });
      expect(centreAfter.x).toBeCloseTo(centreBefore.x, 9);
      expect(centreAfter.y).toBeCloseTo(centreBefore.y, 9);
    }
  });
});

describe('wheelZoomFactor', () => {
  it('zooms in by one notch for a mouse wheel notch up, out for down', () => {
    expect(wheelZoomFactor(-100, 0)).toBeCloseTo(WHEEL_NOTCH_FACTOR);
    expect(wheelZoomFactor(100, 0)).toBeCloseTo(1 / WHEEL_NOTCH_FACTOR);
  });

  it('treats three lines as one notch', () => {
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(WHEEL_NOTCH_FACTOR);
  });

  it('zooms a touchpad’s small deltas a little, and not at all for none', () => {
    const small = wheelZoomFactor(-4, 0);
    expect(small).toBeGreaterThan(1);
    expect(small).toBeLessThan(1.01);
    expect(wheelZoomFactor(0, 0)).toBe(1);
  });
});
