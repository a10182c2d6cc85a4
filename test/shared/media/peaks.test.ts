import { describe, expect, it } from 'vitest';
import { PEAKS_PER_SECOND, decodePeaks, peakCount } from '../../../shared/media/peaks';

describe('peakCount', () => {
  it('counts one bucket per 10 ms, rounding a partial last bucket up', () => {
    expect(PEAKS_PER_SECOND).toBe(100);
    expect(peakCount(0)).toBe(0);
    expect(peakCount(1)).toBe(1);
    expect(peakCount(10)).toBe(1);
    expect(peakCount(11)).toBe(2);
    expect(peakCount(1071)).toBe(108);
    expect(peakCount(3500)).toBe(350);
    expect(peakCount(60 * 60 * 1000)).toBe(360_000);
  });
});

describe('decodePeaks', () => {
  it('scales bytes to 0..1 amplitudes, one per bucket', () => {
    const peaks = decodePeaks(new Uint8Array([0, 255, 51, 128]));
    expect(peaks).toBeInstanceOf(Float32Array);
    expect([...peaks]).toEqual([0, 1, Math.fround(0.2), Math.fround(128 / 255)]);
    expect(decodePeaks(new Uint8Array(0))).toHaveLength(0);
  });
});
