import { expect, it } from 'vitest';
import { insertLabeler } from '../../../electron/db/queries/labelers';
import { insertGuidelineVersion, insertProject } from '../../../electron/db/queries/project';
import { markWholeReviewQueueStale, staleReviewSamples } from '../../../electron/db/queries/review-queue';
import { describeOnEngines } from '../../support/engines';
import { seedSubmittedWork } from '../../support/seeded-work';
import { simulateBoxLabeling } from '../../support/simulated-labelers';

describeOnEngines('marking the whole kept Review queue stale', (engine) => {
  it('marks every annotated sample once, beside a mark already there, so the next read rebuilds the queue', async () => {
    const db = await engine.migratedDatabase();
    await insertProject(db, { name: 'p', kind: 'bbox', createdAt: 1 });
    await insertGuidelineVersion(db, { version: 1, bodyMd: '# v1', changelog: 'first', publishedAt: 1 });
    const labelerIds = [
      (await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1 })).id,
      (await insertLabeler(db, { name: 'ben', role: 'labeler', createdAt: 1 })).id,
    ];
    await seedSubmittedWork(db, simulateBoxLabeling({ samples: 6, labelers: 2, seed: 1 }), { labelerIds });
    // The queue as kept after a refresh, with one sample changed since.
    await db.deleteFrom('review_stale').execute();
    await db.insertInto('review_stale').values({ sample_id: 4 }).execute();

    await markWholeReviewQueueStale(db);

    expect(await staleReviewSamples(db, 100)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
