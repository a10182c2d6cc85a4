import type { BboxPayload, Box } from '../../shared/annotation/payload';
import type { DatasetItem, DatasetSummary } from '../../shared/domain/dataset';

/** A box label that says "no objects", as a dataset version freezes it. */
export const bboxLabel: BboxPayload = { v: 1, kind: 'bbox', boxes: [], noObjects: true, flags: { unsure: false, comment: '', mediaBroken: false }, tags: [] };

/** A dataset version's summary as the back end stores it: one training sample, made by ana under guideline v1. */
export function summaryOf(version: number): DatasetSummary {
  const perSplit = { train: 1, dev: 0, test: 0 };
  return {
    version,
    createdAt: '2026-12-03T00:00:00.000Z',
    contentHash: 'abc',
    kind: 'bbox',
    options: { ratios: [0.8, 0.1, 0.1], seed: 1, minAgreement: 0.9, unresolved: 'exclude', stratifyTags: [], pinTestFrom: null },
    counts: perSplit,
    excluded: 0,
    bySource: { gold: 1, consensus: 0, single: 0, flagged: 0 },
    classes: { train: {}, dev: {}, test: {} },
    tags: { train: {}, dev: {}, test: {} },
    agreement: { value: null, low: null, high: null },
    guidelines: [{ version: 1, changelog: 'first' }],
    labelers: ['ana'],
  };
}

/** A frozen item of a box dataset version: sample `sampleId` in train, decided by an SME. */
export function itemOf(sampleId: number): DatasetItem {
  const base = { fileName: `s${sampleId}.jpg`, sha256: `sha${sampleId}`, split: 'train', source: 'gold', guidelineVersion: 1, agreement: null };
  return { sampleId, ...base, label: bboxLabel, width: 4, height: 3, durationMs: null } as DatasetItem;
}

/** A box's class and corners; its id follows its place (b0, b1, …) unless it carries one. */
export type BoxCorners = Omit<Box, 'id'> & { id?: string };

/**
 * A frozen item of a box dataset version holding `boxes`: sample 1, a 640×480 image in train
 * labeled by one person, unless `fields` says otherwise.
 * @example boxItem([{ classId: 3, x1: 64, y1: 48, x2: 192, y2: 144 }], { sampleId: 7, width: null })
 */
export function boxItem(boxes: readonly BoxCorners[], fields: Partial<Omit<DatasetItem, 'label'>> = {}): DatasetItem {
  return {
    sampleId: 1,
    fileName: 'a.jpg',
    sha256: 'x',
    split: 'train',
    source: 'single',
    guidelineVersion: 1,
    agreement: null,
    width: 640,
    height: 480,
    durationMs: null,
    ...fields,
    label: {
      v: 1,
      kind: 'bbox',
      noObjects: false,
      flags: { unsure: false, comment: '', mediaBroken: false },
      tags: [],
      boxes: boxes.map((box, i) => ({ id: `b${i}`, ...box })),
    },
  };
}
