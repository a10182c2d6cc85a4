import type { Kysely } from 'kysely';
import type { QueueItem, QueueStatus } from '../../../shared/domain/annotation';
import type { QueueWindow } from '../../../shared/domain/queue-window';
import type { Database } from '../schema';
import { inTransaction } from '../transaction';
import { QUEUE_ITEM_COLUMNS, queueSamples, toQueueItem, type QueueSelection } from './annotation-reads';
import { openRelabels } from './guidelines';

/** What a window asks for: a position (null: the first sample not yet submitted) and how many items either side. */
export interface QueueWindowRequest {
  around: number | null;
  before: number;
  after: number;
}

/**
 * A window on a labeler's queue read from the database alone: the queue's counts, the position
 * and only the window's rows, in the order and with the contents `labelerQueue` reads whole
 * (sample id order). The rows are read by offset on the sample's primary key, the counts from
 * indexes, so a window of a 100,000-sample queue reads about a window's rows, not the queue.
 * One transaction, so the counts and the rows agree.
 *
 * @example
 *   await labelerQueueWindow(db, ana, 'everything', { around: null, before: 30, after: 70 });
 */
export async function labelerQueueWindow(
  db: Kysely<Database>,
  labelerId: number,
  selection: QueueSelection,
  request: QueueWindowRequest,
): Promise<QueueWindow> {
  return inTransaction(db, async (trx) => {
    const counts = await queueCounts(trx, labelerId, selection);
    const total = counts.todo + counts.draft + counts.submitted;
    // With every sample submitted there is no open one to look for (a scan of the whole queue otherwise).
    const wanted = request.around ?? (counts.submitted === total ? 0 : await firstOpenPosition(trx, labelerId, selection, counts.submitted));
    const position = Math.max(0, Math.min(wanted, total - 1));
    const start = Math.max(0, position - request.before);
    const end = Math.min(total, position + request.after + 1);
    if (end <= start) return { start, items: [], total, counts, position };
    let rows = queueSamples(trx, labelerId, selection)
      .select(QUEUE_ITEM_COLUMNS)
      .orderBy('sample.id')
      .limit(end - start);
    // Every sample is in the queue: the offset is taken on the sample ids alone, so the skipped samples are not joined.
    rows =
      selection === 'everything'
        ? rows.where('sample.id', '>=', trx.selectFrom('sample as first').select('first.id').orderBy('first.id').limit(1).offset(start))
        : rows.offset(start);
    const items = await withRelabels(trx, labelerId, (await rows.execute()).map(toQueueItem));
    return { start, items, total, counts, position };
  });
}

/** How many of the queue's samples stand at each status for this labeler. */
async function queueCounts(db: Kysely<Database>, labelerId: number, selection: QueueSelection): Promise<Record<QueueStatus, number>> {
  const counts: Record<QueueStatus, number> = { todo: 0, draft: 0, submitted: 0 };
  if (selection === 'everything') {
    // Every sample is in the queue: the total from the samples, the rest from the labeler's own
    // annotations (an index range of theirs), with no join over the project.
    const all = await db
      .selectFrom('sample')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const byStatus = await db
      .selectFrom('annotation')
      .select((eb) => ['status', eb.fn.countAll().as('n')])
      .where('labeler_id', '=', labelerId)
      .groupBy('status')
      .execute();
    for (const row of byStatus) counts[row.status as QueueStatus] += Number(row.n);
    counts.todo = Number(all.n) - counts.draft - counts.submitted;
    return counts;
  }
  const byStatus = await queueSamples(db, labelerId, selection)
    .select((eb) => ['annotation.status', eb.fn.countAll().as('n')])
    .groupBy('annotation.status')
    .execute();
  for (const row of byStatus) counts[(row.status ?? 'todo') as QueueStatus] += Number(row.n);
  return counts;
}

/** The position of the first sample the labeler has not submitted (of `submitted` in their queue); 0 when there is none. */
async function firstOpenPosition(db: Kysely<Database>, labelerId: number, selection: QueueSelection, submitted: number): Promise<number> {
  // Labelers work through their queue in order: when their submitted samples are exactly the
  // first ones, the next sample is where work is left, found by an offset on the sample ids and a
  // count on the labeler's index rather than a scan up to it.
  if (selection === 'everything') {
    const next = await db.selectFrom('sample').select('id').orderBy('id').limit(1).offset(submitted).executeTakeFirst();
    if (next) {
      const before = await db
        .selectFrom('annotation')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('labeler_id', '=', labelerId)
        .where('status', '=', 'submitted')
        .where('sample_id', '<', next.id)
        .executeTakeFirstOrThrow();
      if (Number(before.n) === submitted) return submitted;
    }
  }
  const first = await queueSamples(db, labelerId, selection)
    .select('sample.id')
    .where((eb) => eb.or([eb('annotation.status', 'is', null), eb('annotation.status', '!=', 'submitted')]))
    .orderBy('sample.id')
    .limit(1)
    .executeTakeFirst();
  if (!first) return 0;
  const before = await (selection === 'everything' ? db.selectFrom('sample') : queueSamples(db, labelerId, selection))
    .select((eb) => eb.fn.countAll().as('n'))
    .where('sample.id', '<', first.id)
    .executeTakeFirstOrThrow();
  return Number(before.n);
}

/** Marks the items sent back to this labeler for relabeling, reading only the window's requests. */
async function withRelabels(db: Kysely<Database>, labelerId: number, items: QueueItem[]): Promise<QueueItem[]> {
  if (items.length === 0) return items;
  const relabels = await openRelabels(
    db,
    labelerId,
    items.map((item) => item.sampleId),
  );
  return items.map((item) => {
    const relabel = relabels.get(item.sampleId);
    return relabel ? { ...item, relabel } : item;
  });
}
