import { expect } from 'vitest';
import type { OperationArg } from '../../shared/api/contract';
import { AgreementLedger } from '../../shared/agreement';
import { bySample } from '../../shared/agreement/current-answers';
import { ReviewLedger, type ReviewPageQuery } from '../../shared/disagreement/review-ledger';
import type { DisagreementType } from '../../shared/disagreement/types';
import type { ReviewQueueView } from '../../shared/domain/gold';
import { submittedForAgreement } from '../../electron/db/queries/agreement-inputs';
import { currentDecisions } from '../../electron/db/queries/gold';
import type { TestHost } from './service-host';

type QueueArg = OperationArg<'review.queue'>;

/** Queries an SME makes: the whole queue, pages, each kind of filter, undecided only, by sample id. */
function queriesOf(first: {
  types: Record<string, number | undefined>;
  classIds: number[];
  tags: string[];
  pairs: string[];
  guidelineVersions: number[];
}): QueueArg[] {
  const type = Object.keys(first.types)[0] as DisagreementType;
  return [
    {},
    { limit: 2 },
    { sort: 'sampleId', limit: 3 },
    { filters: { type } },
    { filters: { undecidedOnly: true } },
    { filters: { pair: first.pairs[0]! } },
    { filters: { version: first.guidelineVersions[0]! } },
    ...(first.classIds.length > 0 ? [{ filters: { classId: first.classIds[0]! } }] : []),
    ...(first.tags.length > 0 ? [{ filters: { tag: first.tags[0]! } }] : []),
    // Combinations are counted rather than read from the kept sums; small pages read a rare value's samples first.
    { filters: { type, undecidedOnly: true }, limit: 2 },
    { filters: { type, pair: first.pairs[0]! } },
    { filters: { pair: first.pairs[0]!, version: first.guidelineVersions[0]! }, limit: 1 },
    { filters: { tag: 'a tag no sample has' } },
  ];
}

/**
 * Every query answered from the queue kept in the database, and again from the same answers
 * classified in memory as the review ledger does (the order and facets Review had before the
 * queue was kept), following each page's cursor to the end.
 */
export async function expectKeptEqualsComputed(host: TestHost, dir: string, kind: 'bbox' | 'transcript'): Promise<void> {
  const whole = await host.ok('review.queue', { limit: 1000 });
  expect(whole.items.length).toBeGreaterThan(0);
  const connection = await host.openDatabase(dir);
  try {
    const annotations = await submittedForAgreement(connection.db);
    const severity = new Map(
      [...bySample(annotations)].map(([id, list]) => [id, AgreementLedger.scoreOfSample(kind, id, list, { iouThreshold: 0.5, normalize: [] }) ?? 0]),
    );
    const ledger = ReviewLedger.of(annotations, severity, { iouThreshold: 0.5 });
    const decided = new Set((await currentDecisions(connection.db)).keys());
    for (const arg of queriesOf(whole.items[0]!)) {
      const { undecidedOnly, ...filters } = { type: null, classId: null, tag: null, pair: null, version: null, undecidedOnly: false, ...arg.filters };
      let after: ReviewPageQuery['after'] = null;
      do {
        const kept: ReviewQueueView = await host.ok('review.queue', { ...arg, after });
        const computed = ledger.page({ filters, sort: arg.sort ?? 'severity', after, limit: arg.limit ?? 100, exclude: undecidedOnly ? decided : undefined });
        const { items, classifying, ...rest } = kept;
        // Current: no sample waits to be classified.
        expect(classifying).toBeNull();
        expect({ ...rest, items: items.map(({ displayName: _name, decision: _decision, ...item }) => item) }, JSON.stringify(arg)).toEqual(computed);
        after = kept.next;
      } while (after !== null);
    }
  } finally {
    await connection.close();
  }
}
