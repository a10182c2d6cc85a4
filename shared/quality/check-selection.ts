import { mulberry32, shuffleInPlace } from '../assignment/prng';

/** What choosing a labeler's checks needs to know. */
export interface CheckSelectionInput {
  /** The share of a labeler's queue that is checks, in [0, 0.5]. */
  rate: number;
  /** How many ordinary samples are in the labeler's queue. */
  ordinary: number;
  /** How many checks the labeler was already served (each stays served). */
  served: number;
  /** Live checks the labeler may be served: never answered by them, not in their queue already. */
  candidates: readonly number[];
  /** The labeler's id: each labeler gets their own draw, the same on every call. */
  seed: number;
}

/**
 * The checks to add to a labeler's queue so that about `rate` of it is checks:
 * round(rate · ordinary / (1 − rate)) in all, minus those already served, drawn at random (but
 * the same for the same labeler and candidates) so no pattern in sample ids gives them away.
 * @example checksToServe({ rate: 0.2, ordinary: 8, served: 0, candidates: [3, 5, 9], seed: 7 }) // two of 3, 5 and 9
 */
export function checksToServe(input: CheckSelectionInput): number[] {
  const { rate, ordinary, served, candidates, seed } = input;
  if (rate <= 0 || candidates.length === 0) return [];
  const wanted = Math.round((rate * ordinary) / (1 - rate)) - served;
  if (wanted <= 0) return [];
  const pool = [...candidates].sort((a, b) => a - b);
  shuffleInPlace(pool, mulberry32(seed));
  return pool.slice(0, wanted).sort((a, b) => a - b);
}
