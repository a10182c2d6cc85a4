/**
 * A small seeded pseudo-random generator for deterministic plans: the same seed always yields the
 * same sequence, on every platform, with no dependency on `Math.random`.
 */

/** Returns a number in [0, 1). */
export type Random = () => number;

/**
 * mulberry32: a 32-bit generator, fast and good enough for tie-breaking and shuffling (not for
 * cryptography). The seed is taken modulo 2³² after truncation, so `1.7` and `1` are the same seed.
 * @example
 * const random = mulberry32(42);
 * random(); // 0.6011037519201636, every time for seed 42
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A uniform number in [0, 1) hashed from a key and two integers (murmur3's 32-bit finaliser over
 * a multiplicative mix of them): a stateless draw, the same for the same inputs everywhere, and
 * independent of every other draw, so a caller can ask for one unit's draw without drawing the rest.
 * Callers salt `key` (and offset the integers) so that two uses never share their draws.
 * @example
 * hashedUniform(seed ^ 0x9e3779b9, sampleId, resample + 1) // the bootstrap's draw for this sample in this resample
 */
export function hashedUniform(key: number, a: number, b: number): number {
  return hashed32(hashedTerms(key, a), b) / 4294967296;
}

/**
 * The part of {@link hashedUniform}'s mix that `key` and `a` make: a caller drawing for many `b`
 * with the same two mixes it once and passes it to {@link hashed32}.
 */
export function hashedTerms(key: number, a: number): number {
  return Math.imul(key, 0x85ebca6b) ^ Math.imul(a, 0xc2b2ae35);
}

/** {@link hashedUniform}'s hash as an unsigned 32-bit integer (the draw is it over 2^32), from {@link hashedTerms} and `b`. */
export function hashed32(terms: number, b: number): number {
  let h = terms ^ Math.imul(b, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Shuffles the first `length` items of `items` in place (Fisher–Yates), each order equally likely.
 * @example
 * const order = [1, 2, 3, 4];
 * shuffleInPlace(order, mulberry32(7)); // order is now a permutation of 1..4, the same for seed 7
 */
export function shuffleInPlace<T>(items: T[], random: Random, length = items.length): void {
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const item = items[i] as T;
    items[i] = items[j] as T;
    items[j] = item;
  }
}
