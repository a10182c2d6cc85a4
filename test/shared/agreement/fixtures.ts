import type { Box } from '../../../shared/annotation/payload';
import type { AnnotationForAgreement } from '../../../shared/agreement';

/** Small builders for hand-made projects. */

const NO_FLAGS = { unsure: false, comment: '', mediaBroken: false };

interface Extra {
  guidelineVersion?: number;
  sampleTags?: string[];
  tags?: string[];
  submittedAt?: number;
  noObjects?: boolean;
}

let nextBoxId = 0;

/** A box of class `classId` (default 1). */
export function box(x1: number, y1: number, x2: number, y2: number, classId = 1): Box {
  return { id: `b${nextBoxId++}`, classId, x1, y1, x2, y2 };
}

export function boxes(sampleId: number, labelerId: number, list: Box[], extra: Extra = {}): AnnotationForAgreement {
  return {
    sampleId,
    labelerId,
    guidelineVersion: extra.guidelineVersion ?? 1,
    submittedAt: extra.submittedAt ?? 0,
    sampleTags: extra.sampleTags ?? [],
    payload: { v: 1, kind: 'bbox', boxes: list, noObjects: extra.noObjects ?? false, flags: NO_FLAGS, tags: extra.tags ?? [] },
  };
}

/** A transcript; `segments` as [startMs, text], or a string for one clip segment; `null` = noSpeech. */
export function transcript(sampleId: number, labelerId: number, segments: string | [number, string][] | null, extra: Extra = {}): AnnotationForAgreement {
  const list = segments === null ? [] : typeof segments === 'string' ? [[0, segments] as [number, string]] : segments;
  return {
    sampleId,
    labelerId,
    guidelineVersion: extra.guidelineVersion ?? 1,
    submittedAt: extra.submittedAt ?? 0,
    sampleTags: extra.sampleTags ?? [],
    payload: {
      v: 1,
      kind: 'transcript',
      mode: typeof segments === 'string' ? 'clip' : 'segments',
      segments: list.map(([startMs, text], i) => ({ id: `s${i}`, startMs, endMs: startMs + 500, text })),
      noSpeech: segments === null,
      flags: NO_FLAGS,
      tags: extra.tags ?? [],
    },
  };
}

// Reference boxes: A and B and C side by side, 10 × 10 each (area 100).
export const A = [0, 0, 10, 10] as const;
export const B = [20, 0, 30, 10] as const;
export const C = [40, 0, 50, 10] as const;
/** IoU with A = 70 / 100 = 0.7: a loose box. */
export const LOOSE_A = [0, 0, 10, 7] as const;
/** IoU with A = 95 / 100 = 0.95: near-identical. */
export const CLOSE_A = [0, 0, 10, 9.5] as const;

export function at(corners: readonly [number, number, number, number], classId = 1): Box {
  return box(corners[0], corners[1], corners[2], corners[3], classId);
}
