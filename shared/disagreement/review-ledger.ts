import type { AnnotationForAgreement } from '../agreement/types';
import { reviewEntryOf, type ReviewEntry, type ReviewItem, type ReviewOptions, type ShareCount, type ShareDimension } from './review-entry';
import type { DisagreementType } from './types';

export interface TypeShare {
  type: DisagreementType;
  count: number;
  /** count / all disagreements in the group. */
  share: number;
}

export interface GroupShares<K> {
  key: K;
  total: number;
  shares: TypeShare[];
}

/** Which types make up the disagreements, overall and per class, tag and guideline version. */
export interface DisagreementShares {
  overall: GroupShares<'all'>;
  byClass: GroupShares<number>[];
  byTag: GroupShares<string>[];
  /** Per version, disagreements between each labeler's latest answers made under it. */
  byVersion: GroupShares<number>[];
}

/** What the SME narrows the queue to; `null` = any. */
export interface ReviewFilters {
  type: DisagreementType | null;
  classId: number | null;
  tag: string | null;
  /** `a:b`, lower labeler id first. */
  pair: string | null;
  version: number | null;
}

export const NO_REVIEW_FILTERS: ReviewFilters = { type: null, classId: null, tag: null, pair: null, version: null };

/** The queue's orders: most severe first (ties by sample id), or by sample id. */
export type ReviewSort = 'severity' | 'sampleId';

/** Where a page ends: the last item's sort key. The next page starts strictly after it. */
export interface ReviewCursor {
  severity: number;
  sampleId: number;
}

export interface ReviewPageQuery {
  filters: ReviewFilters;
  sort: ReviewSort;
  after: ReviewCursor | null;
  limit: number;
  /** Samples left out (those already decided, when the SME asks for undecided ones only). */
  exclude?: ReadonlySet<number>;
}

/** Values the filters can take, over the whole queue. */
export interface ReviewFacets {
  pairs: string[];
  guidelineVersions: number[];
  labelerIds: number[];
}

export interface ReviewPage {
  items: ReviewItem[];
  /** Items matching the filters, on every page. */
  total: number;
  /** Items in the queue, filters aside. */
  all: number;
  /** The cursor of the next page, or null on the last. */
  next: ReviewCursor | null;
  shares: DisagreementShares;
  facets: ReviewFacets;
}

/**
 * A project's review queue, kept current one sample at a time like the agreement ledger: a new
 * submission replaces its sample's item and share counts, and a page is read from items kept
 * sorted, so asking for the first rows never reclassifies the project.
 *
 * @example
 * const ledger = new ReviewLedger({ iouThreshold: 0.5 });
 * ledger.setSample(7, annotationsOf7, 0.4);
 * ledger.page({ filters: NO_REVIEW_FILTERS, sort: 'severity', after: null, limit: 50 }).items;
 */
export class ReviewLedger {
  private readonly entries = new Map<number, { entry: ReviewEntry; severity: number }>();
  private readonly shares = new Map<ShareDimension, ShareCounter>(
    (['overall', 'class', 'tag', 'version'] as const).map((dimension) => [dimension, new ShareCounter()]),
  );
  private readonly pairCounts = new RefCount<string>();
  private readonly versionCounts = new RefCount<number>();
  private readonly labelerCounts = new RefCount<number>();
  /** Items in each order, rebuilt on the first page asked for after a change. */
  private readonly sorted = new Map<ReviewSort, ReviewItem[]>();

  constructor(private readonly options: ReviewOptions = {}) {}

  /** A ledger of every sample of `annotations`, with each sample's severity (0 when absent). */
  static of(annotations: readonly AnnotationForAgreement[], severity: ReadonlyMap<number, number>, options: ReviewOptions = {}): ReviewLedger {
    const ledger = new ReviewLedger(options);
    const bySample = new Map<number, AnnotationForAgreement[]>();
    for (const annotation of annotations) {
      let list = bySample.get(annotation.sampleId);
      if (!list) bySample.set(annotation.sampleId, (list = []));
      list.push(annotation);
    }
    for (const [sampleId, list] of bySample) ledger.setSample(sampleId, list, severity.get(sampleId) ?? 0);
    return ledger;
  }

  /** Replaces what sample `sampleId` adds to the queue with its submitted `annotations` (none: it leaves). On an error nothing changes. */
  setSample(sampleId: number, annotations: readonly AnnotationForAgreement[], severity: number): void {
    const next = annotations.length === 0 ? null : reviewEntryOf(sampleId, annotations, this.options);
    const previous = this.entries.get(sampleId);
    if (previous) this.apply(previous.entry, -1);
    if (next) {
      this.apply(next, 1);
      this.entries.set(sampleId, { entry: next, severity });
    } else this.entries.delete(sampleId);
    if (previous?.entry.item || next?.item) this.sorted.clear();
  }

  /**
   * Puts back what sample `sampleId` added to a queue kept earlier (see {@link ReviewLedger.kept}),
   * without classifying its annotations again.
   *
   * @example
   * for (const { sampleId, entry, severity } of earlier.kept()) ledger.restore(sampleId, entry, severity);
   */
  restore(sampleId: number, entry: ReviewEntry, severity: number): void {
    const previous = this.entries.get(sampleId);
    if (previous) this.apply(previous.entry, -1);
    this.apply(entry, 1);
    this.entries.set(sampleId, { entry, severity });
    this.sorted.clear();
  }

  /** Every sample's entry and severity, to keep the queue for a later {@link ReviewLedger.restore}. */
  *kept(): IterableIterator<{ sampleId: number; entry: ReviewEntry; severity: number }> {
    for (const [sampleId, { entry, severity }] of this.entries) yield { sampleId, entry, severity };
  }

  /** One page of the queue in the order asked, the items matching `filters` after `after`, with totals, shares and facets. */
  page(query: ReviewPageQuery): ReviewPage {
    const items = this.itemsSorted(query.sort);
    const compare = COMPARE[query.sort];
    const start = query.after ? firstAfter(items, query.after, compare) : 0;
    const matches = (item: ReviewItem) => matchesFilters(item, query.filters) && !query.exclude?.has(item.sampleId);
    let total = 0;
    for (let i = 0; i < start; i++) if (matches(items[i]!)) total++;
    const page: ReviewItem[] = [];
    let more = false;
    for (let i = start; i < items.length; i++) {
      if (!matches(items[i]!)) continue;
      total++;
      if (page.length < query.limit) page.push(items[i]!);
      else more = true;
    }
    const last = page.at(-1);
    return {
      items: page,
      total,
      all: items.length,
      next: more && last ? { severity: last.severity, sampleId: last.sampleId } : null,
      shares: this.sharesNow(),
      facets: {
        pairs: this.pairCounts.keys().sort(),
        guidelineVersions: this.versionCounts.keys().sort((x, y) => x - y),
        labelerIds: this.labelerCounts.keys().sort((x, y) => x - y),
      },
    };
  }

  private sharesNow(): DisagreementShares {
    return sharesOfCounters(this.shares);
  }

  private itemsSorted(sort: ReviewSort): ReviewItem[] {
    let items = this.sorted.get(sort);
    if (!items) {
      items = [];
      for (const { entry, severity } of this.entries.values()) if (entry.item) items.push({ ...entry.item, severity });
      items.sort(COMPARE[sort]);
      this.sorted.set(sort, items);
    }
    return items;
  }

  private apply(entry: ReviewEntry, sign: 1 | -1): void {
    for (const count of entry.counts) this.shares.get(count.dimension)!.add(count.key, count.type, sign * count.count);
    if (!entry.item) return;
    for (const pair of entry.item.pairs) this.pairCounts.add(pair, sign);
    for (const version of entry.item.guidelineVersions) this.versionCounts.add(version, sign);
    for (const labelerId of entry.item.labelerIds) this.labelerCounts.add(labelerId, sign);
  }
}

/**
 * The disagreement shares that these per-sample counts add up to, as a ledger holding the same
 * samples reports them (the queue kept in a database sums its counts in SQL and finishes here).
 *
 * @example
 * sharesOfCounts([{ dimension: 'overall', key: 'all', type: 'class_mismatch', count: 2 }]).overall.total // 2
 */
export function sharesOfCounts(counts: Iterable<ShareCount>): DisagreementShares {
  const counters = new Map<ShareDimension, ShareCounter>((['overall', 'class', 'tag', 'version'] as const).map((dimension) => [dimension, new ShareCounter()]));
  for (const count of counts) counters.get(count.dimension)!.add(count.key, count.type, count.count);
  return sharesOfCounters(counters);
}

function sharesOfCounters(counters: ReadonlyMap<ShareDimension, ShareCounter>): DisagreementShares {
  const [overall] = counters.get('overall')!.shares() as GroupShares<'all'>[];
  return {
    overall: overall ?? { key: 'all', total: 0, shares: [] },
    byClass: counters.get('class')!.shares() as GroupShares<number>[],
    byTag: counters.get('tag')!.shares() as GroupShares<string>[],
    byVersion: counters.get('version')!.shares() as GroupShares<number>[],
  };
}

const COMPARE: Record<ReviewSort, (x: ReviewCursor, y: ReviewCursor) => number> = {
  severity: (x, y) => y.severity - x.severity || x.sampleId - y.sampleId,
  sampleId: (x, y) => x.sampleId - y.sampleId,
};

/** The index of the first item strictly after `cursor` in `items` (sorted by `compare`). */
function firstAfter(items: readonly ReviewItem[], cursor: ReviewCursor, compare: (x: ReviewCursor, y: ReviewCursor) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(items[middle]!, cursor) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function matchesFilters(item: ReviewItem, filters: ReviewFilters): boolean {
  return (
    (filters.type === null || (item.types[filters.type] ?? 0) > 0) &&
    (filters.classId === null || item.classIds.includes(filters.classId)) &&
    (filters.tag === null || item.tags.includes(filters.tag)) &&
    (filters.pair === null || item.pairs.includes(filters.pair)) &&
    (filters.version === null || item.guidelineVersions.includes(filters.version))
  );
}

/** Disagreement counts by type within each group key; a group leaves when its counts reach zero. */
class ShareCounter {
  private readonly groups = new Map<string | number, Map<DisagreementType, number>>();

  add(key: string | number, type: DisagreementType, delta: number): void {
    let counts = this.groups.get(key);
    if (!counts) this.groups.set(key, (counts = new Map()));
    const count = (counts.get(type) ?? 0) + delta;
    if (count === 0) counts.delete(type);
    else counts.set(type, count);
    if (counts.size === 0) this.groups.delete(key);
  }

  /** Groups by key; within one, types by count (most first), then name. */
  shares(): GroupShares<string | number>[] {
    return [...this.groups]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([key, counts]) => {
        const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
        const shares = [...counts]
          .map(([type, count]) => ({ type, count, share: count / total }))
          .sort((x, y) => y.count - x.count || (x.type < y.type ? -1 : 1));
        return { key, total, shares };
      });
  }
}

/** How many items hold each value, so a value leaves the facets with its last item. */
class RefCount<K> {
  private readonly counts = new Map<K, number>();

  add(key: K, delta: number): void {
    const count = (this.counts.get(key) ?? 0) + delta;
    if (count === 0) this.counts.delete(key);
    else this.counts.set(key, count);
  }

  keys(): K[] {
    return [...this.counts.keys()];
  }
}
