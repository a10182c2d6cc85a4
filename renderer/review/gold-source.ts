import { api } from '../api/api';
import type { LabelSource } from '../label/label-source';
import type { ReviewSample } from '../../shared/domain/gold';

/**
 * The gold label of one sample under review as the editor's source: it opens the SME's draft,
 * else the current decision, else the automatic consensus; autosaves go to the draft, and
 * submitting (Enter) decides with the edited label and the SME's reason.
 */
export function goldSource(
  review: ReviewSample,
  displayName: string,
  decision: () => { reason: string; guidelineRule: string | null },
  onDecided: () => void,
): LabelSource {
  let decisionRevision = review.decision?.revision ?? null;
  return {
    queue: async () => [{ sampleId: review.sampleId, displayName, sha256: '', width: null, height: null, durationMs: null, status: 'draft' }],
    load: async (sampleId) => {
      const start = review.draft?.payload ?? review.decision?.payload ?? review.consensus;
      return { sample: await api.call('samples.get', { sampleId }), saved: { payload: start, revision: review.draft?.revision ?? null, status: 'draft' } };
    },
    save: async (sampleId, payload, status, baseRevision) => {
      if (status === 'submitted') {
        const { reason, guidelineRule } = decision();
        const decided = await api.call('review.decide', {
          sampleId,
          choice: 'edited',
          payload,
          reason,
          guidelineRule,
          baseRevision: decisionRevision,
          answersSeenAt: review.answersAt,
        });
        decisionRevision = decided.revision;
        onDecided();
        return { payload, revision: baseRevision, status: 'submitted' };
      }
      const { revision } = await api.call('review.saveDraft', { sampleId, payload, baseRevision });
      return { payload, revision, status: 'draft' };
    },
  };
}
