import { describe, expect, it } from 'vitest';
import { MAX_SEED, planRequestSchema } from '../../../shared/domain/assignment';

describe('the plan request the back end accepts', () => {
  const refused = (request: Record<string, unknown>) => !planRequestSchema.safeParse(request).success;

  it('accepts whole numbers in range, and fills in what is left out', () => {
    expect(planRequestSchema.parse({ overlap: 3, calibrationCount: 2, seed: MAX_SEED })).toMatchObject({ overlap: 3, calibrationCount: 2, seed: MAX_SEED });
    expect(planRequestSchema.parse({})).toMatchObject({ overlap: 2, calibrationCount: 0, seed: 1 });
  });

  it('refuses negative, fractional, out-of-range and non-numeric counts instead of guessing', () => {
    expect(refused({ overlap: -2 })).toBe(true);
    expect(refused({ overlap: 0 })).toBe(true);
    expect(refused({ overlap: 51 })).toBe(true);
    expect(refused({ overlap: 2.5 })).toBe(true);
    expect(refused({ overlap: '3' })).toBe(true);
    expect(refused({ calibrationCount: -1 })).toBe(true);
    expect(refused({ calibrationCount: 100_001 })).toBe(true);
    expect(refused({ seed: -2 })).toBe(true);
    expect(refused({ seed: MAX_SEED + 1 })).toBe(true);
    expect(refused({ seed: Number.NaN })).toBe(true);
  });
});
