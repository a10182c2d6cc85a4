import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { EventEnvelope, EventMap } from '../../../shared/api/events';
import { forgetKeptReviewQueue } from '../../../electron/db/queries/review-queue';
import type { Database } from '../../../electron/db/schema';
import { EventBus } from '../../../electron/services/hosting/events';
import { KeptQueueCatchUp } from '../../../electron/services/kept-queue-catch-up';
import { refreshKeptReviewQueue } from '../../../electron/services/review-queue-kept';
import { describeOnEngines } from '../../support/engines';
import { seedTwoLabelersWork } from '../../support/seeded-work';

const SAMPLES = 450;

/** Everything the kept queue holds, in a fixed order. */
async function keptQueue(db: Kysely<Database>) {
  return {
    items: await db.selectFrom('review_item').selectAll().orderBy('sample_id').execute(),
    facets: await db.selectFrom('review_facet').selectAll().orderBy('sample_id').orderBy('facet').orderBy('value').execute(),
    shareTotals: await db.selectFrom('review_share_total').selectAll().orderBy('dimension').orderBy('share_key').orderBy('type').execute(),
    facetTotals: await db.selectFrom('review_facet_total').selectAll().orderBy('facet').orderBy('value').execute(),
    agreement: await db.selectFrom('sample_agreement').selectAll().orderBy('sample_id').execute(),
  };
}

describeOnEngines('catching the kept Review queue up in the background', (engine) => {
  it('keeps what classifying every sample at once keeps, telling its progress, with reads answered meanwhile', async () => {
    const db = await engine.migratedDatabase();
    await seedTwoLabelersWork(db, SAMPLES, 3);
    await refreshKeptReviewQueue(db, 'bbox');
    const atOnce = await keptQueue(db);
    expect(atOnce.agreement).toHaveLength(SAMPLES);

    await forgetKeptReviewQueue(db);
    const events = new EventBus();
    const told: Array<EventMap['review.classifying']> = [];
    const ended = new Promise<void>((resolve) =>
      events.subscribe((event: EventEnvelope) => {
        if (event.name !== 'review.classifying') return;
        const progress = event.payload as EventMap['review.classifying'];
        told.push(progress);
        if (!progress.running) resolve();
      }),
    );
    const catchUp = new KeptQueueCatchUp(db, 'bbox', events);
    const first = await catchUp.forRead();
    expect(first).toEqual({ classified: 0, remaining: SAMPLES });
    // A read while it runs answers at once, with how far it is.
    const meanwhile = await catchUp.forRead();
    expect(meanwhile!.classified + meanwhile!.remaining).toBe(SAMPLES);
    await ended;

    expect(told.at(-1)).toEqual({ classified: SAMPLES, remaining: 0, running: false });
    expect(await catchUp.forRead()).toBeNull();
    expect(await keptQueue(db)).toEqual(atOnce);
    await catchUp.close();
  });
});
