import type { AnnotationPayload } from '../annotation/payload';
import type { LabelSource } from '../domain/dataset';

export interface LabelEvidence {
  /** The SME's current decision, if any. */
  decision: { payload: AnnotationPayload; guidelineVersion: number } | null;
  /** Each labeler's current answer. */
  answers: readonly { payload: AnnotationPayload; guidelineVersion: number }[];
  /** 1 − the sample's disagreement score; `null` with fewer than two answers. */
  agreement: number | null;
}

export interface FinalLabel {
  source: LabelSource;
  label: AnnotationPayload;
  guidelineVersion: number;
}

/**
 * The label a dataset version freezes for a sample, in order of trust: the SME's decision; else
 * the consensus when the labelers agree at least `minAgreement`; else, for a sample only one
 * labeler labeled, that answer (`single`: there was nothing to compare); else the consensus
 * flagged as unresolved, or nothing (`exclude`). A sample nobody submitted has no label.
 */
export function finalLabel(
  evidence: LabelEvidence,
  consensus: () => AnnotationPayload,
  options: { minAgreement: number; unresolved: 'exclude' | 'flag' },
): FinalLabel | null {
  if (evidence.decision) return { source: 'gold', label: evidence.decision.payload, guidelineVersion: evidence.decision.guidelineVersion };
  if (evidence.answers.length === 0) return null;
  const guidelineVersion = Math.max(...evidence.answers.map((answer) => answer.guidelineVersion));
  if (evidence.answers.length === 1) return { source: 'single', label: evidence.answers[0]!.payload, guidelineVersion };
  if (evidence.agreement !== null && evidence.agreement >= options.minAgreement) return { source: 'consensus', label: consensus(), guidelineVersion };
  return options.unresolved === 'flag' ? { source: 'flagged', label: consensus(), guidelineVersion } : null;
}
