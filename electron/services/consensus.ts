import type { AnnotationForAgreement, ProjectAgreement } from '../../shared/agreement';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import { boxConsensus } from '../../shared/consensus/box-consensus';
import type { ConsensusOptions } from '../../shared/consensus/consensus-options';
import { transcriptConsensus } from '../../shared/consensus/transcript-consensus';
import type { OpenProject } from './hosting/context';

/** Each labeler's weight in a consensus: their agreement with the others (the HLP estimate), never quite 0. */
export async function labelerWeights(project: OpenProject, iouThreshold = 0.5): Promise<Map<number, number>> {
  // The dashboard's answer carries the same per-labeler figures as a snapshot, without a row per sample.
  return weightsOf(await project.agreement.dashboard({ iouThreshold, normalize: [] }));
}

/** The same from figures already at hand (with no normalisation), so a caller that has them does not ask the worker twice. */
export function weightsOf(agreement: Pick<ProjectAgreement, 'perLabeler'>): Map<number, number> {
  return new Map(agreement.perLabeler.map((labeler) => [labeler.labelerId, Math.max(0.05, labeler.figure.value ?? 0.5)]));
}

/** The automatic consensus of one sample's answers, weighing labelers as {@link labelerWeights}. */
export async function consensusOf(project: OpenProject, annotations: readonly AnnotationForAgreement[], options: ConsensusOptions): Promise<AnnotationPayload> {
  return consensusWith(project.kind, annotations, { ...options, weights: options.weights ?? (await labelerWeights(project, options.iouThreshold)) });
}

/** The same with the weights given (many samples at once share one set). */
export function consensusWith(kind: 'bbox' | 'transcript', annotations: readonly AnnotationForAgreement[], options: ConsensusOptions): AnnotationPayload {
  if (kind === 'bbox')
    return boxConsensus(
      annotations.flatMap((a) => (a.payload.kind === 'bbox' ? [{ labelerId: a.labelerId, payload: a.payload }] : [])),
      options,
    ).payload;
  return transcriptConsensus(
    annotations.flatMap((a) => (a.payload.kind === 'transcript' ? [{ labelerId: a.labelerId, payload: a.payload }] : [])),
    options,
  );
}
