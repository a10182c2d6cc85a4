import { describe, expect, it } from 'vitest';
import { logMelFeatures } from '../../../shared/train/log-mel';

const BANDS = 40;
const STEPS = 32;

function tone(hz: number, sampleRate: number, seconds: number, amplitude = 1): Float32Array {
  return Float32Array.from({ length: Math.round(sampleRate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate));
}

/** The band with the most energy in one time step, and its value. */
function loudestBand(features: Float32Array, step: number): { band: number; value: number } {
  let best = { band: -1, value: -1 };
  for (let band = 0; band < BANDS; band++) {
    const value = features[band * STEPS + step]!;
    if (value > best.value) best = { band, value };
  }
  return best;
}

describe('log-mel features', () => {
  it('reads a full-scale tone near 0 dB in the band of its pitch, the same band at any sample rate', () => {
    const at16k = logMelFeatures(tone(1000, 16_000, 1), 16_000, { bands: BANDS, steps: STEPS });
    const at44k = logMelFeatures(tone(1000, 44_100, 1), 44_100, { bands: BANDS, steps: STEPS });
    const at8k = logMelFeatures(tone(1000, 8000, 1), 8000, { bands: BANDS, steps: STEPS });
    const low = loudestBand(at16k, 10);
    expect(low.value).toBeGreaterThan(0.95); // within 5 dB of full scale
    expect(loudestBand(at44k, 10).band).toBe(low.band);
    expect(loudestBand(at8k, 10).band).toBe(low.band);
    // Telephone audio has nothing above 4 kHz: its top bands read the floor.
    expect(at8k[(BANDS - 1) * STEPS + 10]).toBe(0);
    // A higher pitch lands in a higher band.
    expect(loudestBand(logMelFeatures(tone(3000, 16_000, 1), 16_000, { bands: BANDS, steps: STEPS }), 10).band).toBeGreaterThan(low.band + 5);
  });

  it('is a level meter in dB: half the amplitude reads 6 dB lower, silence reads the floor', () => {
    const full = loudestBand(logMelFeatures(tone(1000, 16_000, 1), 16_000, { bands: BANDS, steps: STEPS }), 10);
    const half = logMelFeatures(tone(1000, 16_000, 1, 0.5), 16_000, { bands: BANDS, steps: STEPS });
    expect((full.value - half[full.band * STEPS + 10]!) * 100).toBeCloseTo(6.02, 0);
    expect(Math.max(...logMelFeatures(new Float32Array(16_000), 16_000, { bands: BANDS, steps: STEPS }))).toBe(0);
  });

  it('averages a long clip into the steps in time order, and pads a short one with silence', () => {
    const rate = 16_000;
    const toneThenSilence = new Float32Array(rate * 4);
    toneThenSilence.set(tone(1000, rate, 2));
    const long = logMelFeatures(toneThenSilence, rate, { bands: BANDS, steps: STEPS });
    expect(loudestBand(long, 2).value).toBeGreaterThan(0.9);
    expect(loudestBand(long, STEPS - 3).value).toBe(0);

    // 0.2 s is 18 frames of 10 ms: the first 18 steps hold the tone, the rest are padding.
    const short = logMelFeatures(tone(1000, rate, 0.2), rate, { bands: BANDS, steps: STEPS });
    expect(loudestBand(short, 17).value).toBeGreaterThan(0.9);
    expect(loudestBand(short, 18).value).toBe(0);
    expect(short.length).toBe(BANDS * STEPS);
  });
});
