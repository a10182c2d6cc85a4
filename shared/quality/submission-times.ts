import type { Submission } from './peer-scores';

/**
 * When each labeler last submitted each sample, kept beside an agreement ledger so drift can be
 * answered without reading every submission again: taken once from the database (packed, see
 * {@link packSubmissions}), then set per sample from its submitted annotations as a submission
 * sets the ledger. The latest `submittedAt` among a labeler's annotations of a sample is their
 * latest submission there, as the database's maximum `saved_at` of their submitted revisions is.
 * @example
 * const times = SubmissionTimes.unpack(packSubmissions(await latestSubmissionTimes(db)));
 * times.setSample(7, annotationsOfSample7);
 * teamDriftOf({ forEachSample: (visit) => ledger.forEachPairScores(visit), submittedAt: (labelerId, sampleId) => times.submittedAt(labelerId, sampleId) });
 */
export class SubmissionTimes {
  /** By sample id: labeler id then time, pair after pair. */
  private readonly bySample = new Map<number, number[]>();

  /** The times of {@link packSubmissions}' array. */
  static unpack(packed: Float64Array): SubmissionTimes {
    if (packed.length % 3 !== 0) throw new Error(`packed submission times of ${packed.length} numbers, not triples`);
    const times = new SubmissionTimes();
    for (let at = 0; at < packed.length; at += 3) times.add(packed[at]!, packed[at + 1]!, packed[at + 2]!);
    return times;
  }

  /** Sets a sample's times from its submitted annotations (none: nobody's submission stands). */
  setSample(sampleId: number, annotations: readonly Submission[]): void {
    this.bySample.delete(sampleId);
    for (const { labelerId, submittedAt } of annotations) this.add(sampleId, labelerId, submittedAt);
  }

  /** These times as {@link packSubmissions} packs them: to hand them to another thread. */
  pack(): Float64Array {
    let count = 0;
    for (const pairs of this.bySample.values()) count += pairs.length / 2;
    const packed = new Float64Array(count * 3);
    let at = 0;
    for (const [sampleId, pairs] of this.bySample) {
      for (let pair = 0; pair < pairs.length; pair += 2) {
        packed[at++] = sampleId;
        packed[at++] = pairs[pair]!;
        packed[at++] = pairs[pair + 1]!;
      }
    }
    return packed;
  }

  /** The labeler's latest submission of the sample; undefined when none stands. */
  submittedAt(labelerId: number, sampleId: number): number | undefined {
    const pairs = this.bySample.get(sampleId);
    if (!pairs) return undefined;
    for (let at = 0; at < pairs.length; at += 2) if (pairs[at] === labelerId) return pairs[at + 1];
    return undefined;
  }

  private add(sampleId: number, labelerId: number, submittedAt: number): void {
    let pairs = this.bySample.get(sampleId);
    if (!pairs) this.bySample.set(sampleId, (pairs = []));
    for (let at = 0; at < pairs.length; at += 2) {
      if (pairs[at] !== labelerId) continue;
      pairs[at + 1] = Math.max(pairs[at + 1]!, submittedAt);
      return;
    }
    pairs.push(labelerId, submittedAt);
  }
}

/**
 * Submissions as one flat array (sample id, labeler id, time, then the next): it crosses to a
 * worker far faster than as many objects.
 */
export function packSubmissions(submissions: readonly Submission[]): Float64Array {
  const packed = new Float64Array(submissions.length * 3);
  let at = 0;
  for (const { sampleId, labelerId, submittedAt } of submissions) {
    packed[at++] = sampleId;
    packed[at++] = labelerId;
    packed[at++] = submittedAt;
  }
  return packed;
}
