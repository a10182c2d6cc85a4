import { hashedUniform } from '../assignment/prng';

/**
 * Whether one assignment (a sample for a labeler) stays blind: the labeler starts from nothing
 * instead of the model's pre-label. A hash of (seed, sample, labeler) is compared with `share`,
 * so the same seed always blinds the same assignments, a larger share blinds a superset of a
 * smaller one's, and no state needs storing to know which arm an assignment is in.
 * @example isBlindAssignment(1, 12, 3, 0) // false: a share of 0 blinds nothing
 * @example isBlindAssignment(1, 12, 3, 1) // true: a share of 1 blinds everything
 */
export function isBlindAssignment(seed: number, sampleId: number, labelerId: number, share: number): boolean {
  // Salted apart from the bootstrap's draws, which hash the same sample ids.
  return hashedUniform(seed ^ 0x5bd1e995, sampleId, labelerId + 0x9e3779b9) < share;
}
