import type { Kysely } from 'kysely';
import { AgreementLedger, type AnnotationForAgreement } from '../../shared/agreement';
import { bySample } from '../../shared/agreement/current-answers';
import { reviewEntryOf, type ShareDimension } from '../../shared/disagreement/review-entry';
import { sharesOfCounts, type ReviewPage } from '../../shared/disagreement/review-ledger';
import { DISAGREEMENT_TYPES, type DisagreementType } from '../../shared/disagreement/types';
import type { ProjectKind } from '../../shared/domain/project';
import { submittedForAgreement } from '../db/queries/agreement-inputs';
import {
  keptReviewFacetValues,
  keptReviewPage,
  keptReviewShareCounts,
  replaceReviewEntries,
  staleReviewSamples,
  type KeptReviewEntry,
  type KeptReviewQuery,
  type ReviewFacet,
} from '../db/queries/review-queue';
import type { Database } from '../db/schema';
import { inTransaction } from '../db/transaction';

/**
 * The Review queue kept in the project's database (migration 23) for the IoU threshold the
 * Review area uses; other thresholds are classified in the agreement worker as before. Writes
 * mark the samples they change (triggers, same transaction); a read first classifies the marked
 * samples again, a chunk per transaction, then pages with SQL.
 */
export const KEPT_REVIEW_IOU = 0.5;

const SHARE_DIMENSIONS: readonly ShareDimension[] = ['overall', 'class', 'tag', 'version'];

/** Samples classified per transaction while stale entries are brought up to date. */
const REFRESH_CHUNK = 500;

/**
 * Classifies every sample marked stale and keeps its entry. Each chunk's marks, answers and
 * entries are read and written in one transaction, so a submission made meanwhile either is in
 * what was read or marks its sample again. Returns how many samples were classified.
 */
export async function refreshKeptReviewQueue(db: Kysely<Database>, kind: ProjectKind, progress: (done: number) => void = () => {}): Promise<number> {
  let done = 0;
  for (;;) {
    const classified = await classifyStaleChunk(db, kind, REFRESH_CHUNK);
    if (classified === 0) return done;
    done += classified;
    progress(done);
  }
}

/** Brings the entries of these samples up to date, those marked stale (a list's rows, at most a few hundred). */
export async function refreshKeptSamples(db: Kysely<Database>, kind: ProjectKind, sampleIds: readonly number[]): Promise<void> {
  await classifyStaleChunk(db, kind, sampleIds.length, sampleIds);
}

/**
 * Classifies up to `limit` samples marked stale (of `among`, when given), lowest id first, in one
 * transaction, and keeps their entries. Returns how many it classified: 0 when none was stale.
 */
export async function classifyStaleChunk(db: Kysely<Database>, kind: ProjectKind, limit: number, among?: readonly number[]): Promise<number> {
  return inTransaction(db, async (trx) => {
    const sampleIds = await staleReviewSamples(trx, limit, among);
    if (sampleIds.length === 0) return 0;
    const answers = bySample(await submittedForAgreement(trx, sampleIds));
    await replaceReviewEntries(
      trx,
      sampleIds,
      sampleIds.map((sampleId) => keptEntryOf(kind, sampleId, answers.get(sampleId) ?? [])),
    );
    return sampleIds.length;
  });
}

/**
 * One sample's entry, classified and scored as the agreement worker's review ledger does it, with
 * its agreement (1 − the score, as the dashboard's ledger has it; null with fewer than two labelers).
 */
export function keptEntryOf(kind: ProjectKind, sampleId: number, annotations: readonly AnnotationForAgreement[]): KeptReviewEntry {
  if (annotations.length === 0) return { sampleId, agreement: null, item: null, counts: [] };
  const score = AgreementLedger.scoreOfSample(kind, sampleId, annotations, { iouThreshold: KEPT_REVIEW_IOU, normalize: [] });
  const agreement = score === null ? null : 1 - score;
  const entry = reviewEntryOf(sampleId, annotations, { iouThreshold: KEPT_REVIEW_IOU });
  if (!entry.item) return { sampleId, agreement, item: null, counts: entry.counts };
  const item = entry.item;
  const severity = score ?? 0;
  const facet = (name: ReviewFacet, values: ReadonlyArray<string | number>) => values.map((value) => ({ facet: name, value: String(value) }));
  const types = (Object.entries(item.types) as Array<[DisagreementType, number]>).filter(([, count]) => count > 0).map(([type]) => type);
  return {
    sampleId,
    agreement,
    counts: entry.counts,
    item: {
      severity,
      json: JSON.stringify(item),
      facets: [
        ...facet('type', types),
        ...facet('class', item.classIds),
        ...facet('tag', [...new Set(item.tags)]),
        ...facet('pair', [...new Set(item.pairs)]),
        ...facet('version', item.guidelineVersions),
        ...facet('labeler', [...new Set(item.labelerIds)]),
      ],
    },
  };
}

/**
 * One page of the kept queue as it stands: once its stale samples are classified (see
 * `KeptQueueCatchUp`), the same page the worker's ledger answers.
 */
export async function keptReviewQueuePage(db: Kysely<Database>, query: KeptReviewQuery): Promise<ReviewPage> {
  const page = await keptReviewPage(db, query);
  const last = page.items.length > query.limit ? page.items[query.limit - 1] : undefined;
  const numbers = (values: string[]) => values.map(Number).sort((x, y) => x - y);
  const counts = await keptReviewShareCounts(db);
  return {
    items: page.items.slice(0, query.limit),
    total: page.total,
    all: page.all,
    next: last ? { severity: last.severity, sampleId: last.sampleId } : null,
    shares: sharesOfCounts(
      counts.flatMap((c) =>
        // Rows of a dimension or type this version does not know (a damaged or newer file) are left out.
        SHARE_DIMENSIONS.includes(c.dimension as ShareDimension) && c.type in DISAGREEMENT_TYPES
          ? [
              {
                dimension: c.dimension as ShareDimension,
                key: c.dimension === 'class' || c.dimension === 'version' ? Number(c.key) : c.key,
                type: c.type as DisagreementType,
                count: c.count,
              },
            ]
          : [],
      ),
    ),
    facets: {
      pairs: (await keptReviewFacetValues(db, 'pair')).sort(),
      guidelineVersions: numbers(await keptReviewFacetValues(db, 'version')),
      labelerIds: numbers(await keptReviewFacetValues(db, 'labeler')),
    },
  };
}
