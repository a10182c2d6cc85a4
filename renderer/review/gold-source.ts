import type { ApiClient } from '../../shared/api/client';
import type { LabelSource } from '../label/label-source';
import type { ReviewSample } from '../../shared/domain/gold';
import { queueWindow } from '../../shared/domain/queue-window';

/**
 * The gold label of one sample under review as the editor's source: it opens the SME's draft,
 * else the current decision, else the automatic consensus; autosaves go to the draft, and
 * submitting (Enter) decides with the edited label and the SME's reason.
 * @example store.start(goldSource(api, review, 'street.jpg', () => note, onDecided), 'bbox');
 */
export function goldSource(
  client: Pick<ApiClient, 'call'>,
  opened: ReviewSample,
  displayName: string,
  decision: () => { reason: string; guidelineRule: string | null },
  onDecided: () => void,
): LabelSource {
  let review = opened;
  let loads = 0;
  let decisionRevision = review.decision?.revision ?? null;
  return {
    queue: async () => queueWindow([{ sampleId: review.sampleId, displayName, sha256: '', width: null, height: null, durationMs: null, status: 'draft' }], 0),
    load: async (sampleId) => {
      // The first load shows what the SME opened; a later one (a reload after a conflict) what
      // the back end holds now, so the draft saved elsewhere is what the SME then edits.
      if (loads++ > 0) {
        review = await client.call('review.sample', { sampleId });
        decisionRevision = review.decision?.revision ?? null;
      }
      const start = review.draft?.payload ?? review.decision?.payload ?? review.consensus;
      return { sample: await client.call('samples.get', { sampleId }), saved: { payload: start, revision: review.draft?.revision ?? null, status: 'draft' } };
    },
    save: async (sampleId, payload, status, baseRevision) => {
      if (status === 'submitted') {
        const { reason, guidelineRule } = decision();
        const decided = await client.call('review.decide', {
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
      const { revision } = await client.call('review.saveDraft', { sampleId, payload, baseRevision });
      return { payload, revision, status: 'draft' };
    },
  };
}
