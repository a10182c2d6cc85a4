import { expect, it } from 'vitest';
import { forgetKeptReviewQueue, markWholeReviewQueueStale, staleReviewSamples } from '../../../electron/db/queries/review-queue';
import { refreshKeptReviewQueue } from '../../../electron/services/review-queue-kept';
import { describeOnEngines } from '../../support/engines';
import { seedTwoLabelersWork } from '../../support/seeded-work';

describeOnEngines('marking or forgetting the whole kept Review queue', (engine) => {
  /** A project whose six samples two labelers answered. */
  async function sixAnsweredSamples() {
    const db = await engine.migratedDatabase();
    await seedTwoLabelersWork(db, 6, 1);
    return db;
  }

  it('marks every annotated sample once, beside a mark already there, so the next read rebuilds the queue', async () => {
    const db = await sixAnsweredSamples();
    // The queue as kept after a refresh, with one sample changed since.
    await db.deleteFrom('review_stale').execute();
    await db.insertInto('review_stale').values({ sample_id: 4 }).execute();

    await markWholeReviewQueueStale(db);

    expect(await staleReviewSamples(db, 100)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('forgets every kept entry, sum and agreement, as a project from before the queue was kept has none', async () => {
    const db = await sixAnsweredSamples();
    await refreshKeptReviewQueue(db, 'bbox');
    expect(await db.selectFrom('sample_agreement').select('sample_id').execute()).toHaveLength(6);

    await forgetKeptReviewQueue(db);

    for (const table of ['review_item', 'review_facet', 'review_share', 'review_share_total', 'review_facet_total', 'sample_agreement'] as const)
      expect(await db.selectFrom(table).selectAll().execute(), table).toEqual([]);
    expect(await staleReviewSamples(db, 100)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
