/**
 * Whether one assignment (a sample for a labeler) stays blind: the labeler starts from nothing
 * instead of the model's pre-label. A hash of (seed, sample, labeler) is compared with `share`,
 * so the same seed always blinds the same assignments, a larger share blinds a superset of a
 * smaller one's, and no state needs storing to know which arm an assignment is in.
 * @example isBlindAssignment(1, 12, 3, 0) // false: a share of 0 blinds nothing
 * @example isBlindAssignment(1, 12, 3, 1) // true: a share of 1 blinds everything
 */
export function isBlindAssignment(seed: number, sampleId: number, labelerId: number, share: number): boolean {
  return assignmentUniform(seed, sampleId, labelerId) < share;
}

/** A uniform number in [0, 1) from the three inputs (murmur3's 32-bit finaliser over a mix of them). */
function assignmentUniform(seed: number, sampleId: number, labelerId: number): number {
  let h = Math.imul(seed ^ 0x5bd1e995, 0x85ebca6b) ^ Math.imul(sampleId, 0xc2b2ae35) ^ Math.imul(labelerId + 0x9e3779b9, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
