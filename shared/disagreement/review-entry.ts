import type { AnnotationPayload } from '../annotation/payload';
import { currentAnswers } from '../agreement/current-answers';
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

export interface ReviewOptions {
  iouThreshold?: number;
  boundaryMs?: number;
}

/** The groups disagreement shares are counted in. */
export type ShareDimension = 'overall' | 'class' | 'tag' | 'version';

/** One sample's part of the shares: `count` disagreements of `type` in group `key` of `dimension`. */
export interface ShareCount {
  dimension: ShareDimension;
  key: string | number;
  type: DisagreementType;
  count: number;
}

/** What one sample adds to the review queue: its item (null when its labelers agree) and its share counts. */
export interface ReviewEntry {
  item: Omit<ReviewItem, 'severity'> | null;
  counts: ShareCount[];
}

/**
 * Classifies the disagreements of one sample's submitted annotations (the latest per labeler
 * counts; per guideline version, the latest under it), as the review queue counts them.
 *
 * @example
 * reviewEntryOf(7, [boxesOfLabeler1, boxesOfLabeler2]).item?.types // { class_mismatch: 1 }
 */
export function reviewEntryOf(sampleId: number, annotations: readonly AnnotationForAgreement[], options: ReviewOptions = {}): ReviewEntry {
  const counts = new CountList();
  const classify = pairsOnce(options);
  countByVersion(annotations, counts, classify);
  const sorted = currentAnswers(annotations);
  if (sorted.length < 2) return { item: null, counts: counts.list() };
  const tags = [...new Set(sorted.flatMap((annotation) => annotation.sampleTags))];
  const item: Omit<ReviewItem, 'severity'> = {
    sampleId,
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
      const found = classify(a, b);
      if (found.length > 0) item.pairs.push(`${a.labelerId}:${b.labelerId}`);
      for (const disagreement of found) {
        item.types[disagreement.type] = (item.types[disagreement.type] ?? 0) + 1;
        const classes = classesOf(disagreement, a.payload, b.payload);
        for (const classId of classes) classIds.add(classId);
        counts.add('overall', 'all', disagreement.type);
        for (const classId of classes) counts.add('class', classId, disagreement.type);
        for (const tag of tags) counts.add('tag', tag, disagreement.type);
      }
    }
  }
  if (item.pairs.length === 0) return { item: null, counts: counts.list() };
  item.classIds = [...classIds].sort((x, y) => x - y);
  return { item, counts: counts.list() };
}

/**
 * Disagreements per guideline version, between each labeler's latest answers under it: after a
 * revision and relabeling, v1's types stay counted with the v1 answers and v2's with the new.
 */
function countByVersion(annotations: readonly AnnotationForAgreement[], counts: CountList, classify: Classify): void {
  for (const version of new Set(annotations.map((annotation) => annotation.guidelineVersion))) {
    const members = currentAnswers(annotations.filter((annotation) => annotation.guidelineVersion === version));
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        for (const disagreement of classify(members[i]!, members[j]!)) counts.add('version', version, disagreement.type);
      }
    }
  }
}

type Classify = (a: AnnotationForAgreement, b: AnnotationForAgreement) => Disagreement[];

/**
 * Classifies each pair of answers once: when every answer is under one guideline version (the
 * usual case), the per-version counts compare the same pairs as the queue item, and matching
 * boxes is the whole cost of loading a large project's queue.
 */
function pairsOnce(options: ReviewOptions): Classify {
  const found = new Map<AnnotationForAgreement, Map<AnnotationForAgreement, Disagreement[]>>();
  return (a, b) => {
    let withA = found.get(a);
    if (!withA) found.set(a, (withA = new Map()));
    let disagreements = withA.get(b);
    if (!disagreements) withA.set(b, (disagreements = pairDisagreements(a, b, options)));
    return disagreements;
  };
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

/** A sample's share counts, summed by dimension, key and type. */
class CountList {
  private readonly counts = new Map<string, ShareCount>();

  add(dimension: ShareDimension, key: string | number, type: DisagreementType): void {
    const id = `${dimension}\0${typeof key}\0${key}\0${type}`;
    const existing = this.counts.get(id);
    if (existing) existing.count++;
    else this.counts.set(id, { dimension, key, type, count: 1 });
  }

  list(): ShareCount[] {
    return [...this.counts.values()];
  }
}
