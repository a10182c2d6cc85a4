import type { AnnotationPayload } from '../annotation/payload';
import { bySample, currentAnswers } from '../agreement/current-answers';
import type { AnnotationForAgreement } from '../agreement/types';
import { boxDisagreements } from './box-disagreements';
import { transcriptDisagreements } from './transcript-disagreements';
import type { Disagreement, DisagreementType } from './types';

/** A sample in the SME's review queue: where labelers disagree, and how. */
export interface ReviewItem {
  sampleId: number;
  /** The sample's disagreement score from agreement (0 none … 1 total); the queue is sorted by it. */
  severity: number;
  labelerIds: number[];
  /** How many disagreements of each type, over all pairs of labelers. */
  types: Partial<Record<DisagreementType, number>>;
  /** Classes of the boxes involved in a disagreement (boxes only). */
  classIds: number[];
  /** The sample's slice tags. */
  tags: string[];
  /** Guideline versions the sample's annotations were made under. */
  guidelineVersions: number[];
  /** Labeler pairs (`a:b`, lower id first) that disagree on the sample. */
  pairs: string[];
}

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

export interface ReviewQueue {
  items: ReviewItem[];
  shares: DisagreementShares;
}

export interface ReviewOptions {
  iouThreshold?: number;
  boundaryMs?: number;
}

/**
 * The review queue of a project from its submitted annotations (the latest per labeler counts):
 * every sample where two labelers disagree, with the types found, sorted by `severity` (then
 * sample id), and the share of each type overall and per class, tag and guideline version, so
 * the SME sees which rule is ambiguous first.
 */
export function buildReviewQueue(
  annotations: readonly AnnotationForAgreement[],
  severity: ReadonlyMap<number, number>,
  options: ReviewOptions = {},
): ReviewQueue {
  const items: ReviewItem[] = [];
  const counters = { overall: new Counter<'all'>(), byClass: new Counter<number>(), byTag: new Counter<string>(), byVersion: new Counter<number>() };
  for (const [sampleId, all] of bySample(annotations)) {
    countByVersion(all, counters.byVersion, options);
    const sorted = currentAnswers(all);
    if (sorted.length < 2) continue;
    const tags = [...new Set(sorted.flatMap((annotation) => annotation.sampleTags))];
    const item: ReviewItem = {
      sampleId,
      severity: severity.get(sampleId) ?? 0,
      labelerIds: sorted.map((annotation) => annotation.labelerId),
      types: {},
      classIds: [],
      tags,
      guidelineVersions: [...new Set(sorted.map((annotation) => annotation.guidelineVersion))].sort((x, y) => x - y),
      pairs: [],
    };
    const classIds = new Set<number>();
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i]!;
        const b = sorted[j]!;
        const found = pairDisagreements(a, b, options);
        if (found.length > 0) item.pairs.push(`${a.labelerId}:${b.labelerId}`);
        for (const disagreement of found) {
          item.types[disagreement.type] = (item.types[disagreement.type] ?? 0) + 1;
          const classes = classesOf(disagreement, a.payload, b.payload);
          for (const classId of classes) classIds.add(classId);
          counters.overall.add('all', disagreement.type);
          for (const classId of classes) counters.byClass.add(classId, disagreement.type);
          for (const tag of tags) counters.byTag.add(tag, disagreement.type);
        }
      }
    }
    if (item.pairs.length === 0) continue;
    item.classIds = [...classIds].sort((x, y) => x - y);
    items.push(item);
  }
  items.sort((x, y) => y.severity - x.severity || x.sampleId - y.sampleId);
  const [overall] = counters.overall.shares();
  return {
    items,
    shares: {
      overall: overall ?? { key: 'all', total: 0, shares: [] },
      byClass: counters.byClass.shares(),
      byTag: counters.byTag.shares(),
      byVersion: counters.byVersion.shares(),
    },
  };
}

/**
 * Disagreements per guideline version, between each labeler's latest answers under it: after a
 * revision and relabeling, v1's types stay counted with the v1 answers and v2's with the new.
 */
function countByVersion(annotations: readonly AnnotationForAgreement[], counter: Counter<number>, options: ReviewOptions): void {
  for (const version of new Set(annotations.map((annotation) => annotation.guidelineVersion))) {
    const members = currentAnswers(annotations.filter((annotation) => annotation.guidelineVersion === version));
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        for (const disagreement of pairDisagreements(members[i]!, members[j]!, options)) counter.add(version, disagreement.type);
      }
    }
  }
}

/** The disagreements between two annotations of one sample (`a` the lower labeler id). */
export function pairDisagreements(
  a: Pick<AnnotationForAgreement, 'labelerId' | 'payload'>,
  b: Pick<AnnotationForAgreement, 'labelerId' | 'payload'>,
  options: ReviewOptions = {},
): Disagreement[] {
  if (a.payload.kind === 'bbox' && b.payload.kind === 'bbox') {
    return boxDisagreements(
      { labelerId: a.labelerId, payload: a.payload },
      { labelerId: b.labelerId, payload: b.payload },
      { iouThreshold: options.iouThreshold },
    );
  }
  if (a.payload.kind === 'transcript' && b.payload.kind === 'transcript') {
    return transcriptDisagreements(
      { labelerId: a.labelerId, payload: a.payload },
      { labelerId: b.labelerId, payload: b.payload },
      { boundaryMs: options.boundaryMs },
    );
  }
  throw new Error(`labelers ${a.labelerId} and ${b.labelerId} made annotations of different kinds`);
}

function classesOf(disagreement: Disagreement, a: AnnotationPayload, b: AnnotationPayload): number[] {
  if (a.kind !== 'bbox' || b.kind !== 'bbox') return [];
  const classes = new Set<number>();
  for (const box of a.boxes) if (disagreement.boxesA.includes(box.id)) classes.add(box.classId);
  for (const box of b.boxes) if (disagreement.boxesB.includes(box.id)) classes.add(box.classId);
  return [...classes];
}

/** Disagreement counts by type within each group key. */
class Counter<K extends string | number> {
  private readonly groups = new Map<K, Map<DisagreementType, number>>();

  add(key: K, type: DisagreementType): void {
    let counts = this.groups.get(key);
    if (!counts) this.groups.set(key, (counts = new Map()));
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }

  /** Groups by key; within one, types by count (most first), then name. */
  shares(): GroupShares<K>[] {
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
