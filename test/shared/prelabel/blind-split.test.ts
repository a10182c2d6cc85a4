import { describe, expect, it } from 'vitest';
import { isBlindAssignment } from '../../../shared/prelabel/blind-split';

const assignments = Array.from({ length: 200 }, (_, s) => Array.from({ length: 25 }, (_, l) => [s + 1, l + 1] as const)).flat();
const blindOnes = (seed: number, share: number) => assignments.filter(([s, l]) => isBlindAssignment(seed, s, l, share)).map(([s, l]) => `${s}:${l}`);

describe('the blind share of assignments', () => {
  it('keeps about the chosen share blind, the same ones for the same seed', () => {
    const blind = blindOnes(3, 0.2);
    // 5,000 assignments at p = 0.2: the standard deviation of the share is 0.0057; four of them is a generous bound.
    expect(Math.abs(blind.length / assignments.length - 0.2)).toBeLessThan(0.023);
    expect(blindOnes(3, 0.2)).toEqual(blind);
    expect(blindOnes(4, 0.2)).not.toEqual(blind);
  });

  it('blinds nothing at 0, everything at 1, and a larger share blinds a superset of a smaller one', () => {
    expect(blindOnes(1, 0)).toEqual([]);
    expect(blindOnes(1, 1)).toHaveLength(assignments.length);
    const small = new Set(blindOnes(9, 0.1));
    const large = new Set(blindOnes(9, 0.3));
    expect([...small].every((key) => large.has(key))).toBe(true);
  });

  it('splits a sample’s labelers independently: a sample is not blind for all of them at once', () => {
    const mixed = Array.from({ length: 200 }, (_, s) => s + 1).filter((s) => {
      const arms = new Set(Array.from({ length: 25 }, (_, l) => isBlindAssignment(5, s, l + 1, 0.5)));
      return arms.size === 2;
    });
    expect(mixed.length).toBeGreaterThan(190);
  });
});
