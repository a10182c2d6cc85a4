import { describe, expect, it, vi } from 'vitest';
import type { ReviewQueueView } from '../../shared/domain/gold';
import type { ProjectSummary } from '../../shared/domain/project';
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
const { useReviewStore, NO_FILTERS, readQueueAhead } = await import('../../renderer/review/review-store');
const { useProjectStore } = await import('../../renderer/stores/project-store');

const queueOf = (...sampleIds: number[]) => ({ items: sampleIds.map((sampleId) => ({ sampleId })) }) as unknown as ReviewQueueView;

const inProject = (dir: string) => useProjectStore.setState({ project: { dir } as ProjectSummary });

describe('the review store’s queue', () => {
  it('shows the newest read’s answer, whichever arrives last', async () => {
    inProject('/projects/a');
    const first = useReviewStore.getState().load(); // the screen opens
    const second = useReviewStore.getState().load(); // a decision was made: read again
    queueReads.at(-1)!.resolve(queueOf(1, 2));
    await Promise.all([first, second]); // both wait for the newest read
    queueReads.at(-2)!.resolve(queueOf(1, 2, 3)); // the older answer, late
    await settle();
    expect(useReviewStore.getState().queue?.items.map((item) => item.sampleId)).toEqual([1, 2]);
  });

  it('keeps a sample opened from elsewhere chosen when it is beyond the rows loaded so far, and lets go of it in another project', async () => {
    inProject('/projects/a');
    // The heatmap opens sample 250, which ranks below the queue's first page.
    useReviewStore.getState().select(250);
    useReviewStore.getState().setFilters({ undecidedOnly: true });
    const load = useReviewStore.getState().load();
    queueReads.at(-1)!.resolve(queueOf(1, 2, 3));
    await load;
    expect(useReviewStore.getState().selectedId).toBe(250);

    // Another project: its sample 250 is another sample, and the filters were the old project's.
    inProject('/projects/b');
    expect(useReviewStore.getState().selectedId).toBeNull();
    expect(useReviewStore.getState().filters).toEqual(NO_FILTERS);
    expect(useReviewStore.getState().queue).toBeNull();
  });

  it('reads the queue once when it was asked ahead of the screen, and afresh when the area was left before the screen took it', async () => {
    useProjectStore.setState({ project: null });
    const reads = queueReads.length;
    // The area is asked for while the project is being entered (the first screen): the read survives the entry.
    readQueueAhead();
    readQueueAhead(); // asked twice before taken: one read
    inProject('/projects/c');
    const shown = useReviewStore.getState().open(); // the screen's code arrived
    expect(queueReads.length).toBe(reads + 1);
    queueReads.at(-1)!.resolve(queueOf(7));
    await shown;
    expect(useReviewStore.getState().queue?.items.map((item) => item.sampleId)).toEqual([7]);

    // Left before its code arrived: the screen shown later reads the queue again.
    const drop = readQueueAhead();
    queueReads.at(-1)!.resolve(queueOf(7));
    drop();
    void useReviewStore.getState().open();
    expect(queueReads.length).toBe(reads + 3);
  });
});
