import { describe, expect, it, vi } from 'vitest';
import type { ReviewQueueView } from '../../shared/domain/gold';
import { settle } from '../support/deferred';

/** The review queue's reads, held until the test answers them. */
const queueReads = vi.hoisted(() => [] as Array<{ resolve(view: unknown): void }>);
vi.mock('../../renderer/api/api', () => ({
  api: {
    call: (name: string) => {
      if (name !== 'review.queue') throw new Error(`unexpected call ${name}`);
      let resolve!: (view: unknown) => void;
      const answer = new Promise((res) => (resolve = res));
      queueReads.push({ resolve });
      return answer;
    },
  },
}));
const { useReviewStore } = await import('../../renderer/review/review-store');

const queueOf = (...sampleIds: number[]) => ({ items: sampleIds.map((sampleId) => ({ sampleId })) }) as unknown as ReviewQueueView;

describe('the review store’s queue', () => {
  it('shows the newest read’s answer, whichever arrives last, and lets go of a chosen sample the queue no longer has', async () => {
    const first = useReviewStore.getState().load(); // the screen opens
    useReviewStore.getState().select(2);
    const second = useReviewStore.getState().load(); // a decision was made: read again
    queueReads[1]!.resolve(queueOf(1, 2));
    await Promise.all([first, second]); // both wait for the newest read
    queueReads[0]!.resolve(queueOf(1, 2, 3)); // the older answer, late
    await settle();
    expect(useReviewStore.getState().queue?.items.map((item) => item.sampleId)).toEqual([1, 2]);
    expect(useReviewStore.getState().selectedId).toBe(2);

    const third = useReviewStore.getState().load();
    queueReads[2]!.resolve(queueOf(1));
    await third;
    expect(useReviewStore.getState().selectedId).toBeNull();
  });
});
