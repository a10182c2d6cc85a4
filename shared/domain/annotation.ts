import type { AnnotationPayload } from '../annotation/payload';

export type AnnotationStatus = 'draft' | 'submitted';

/** One labeler's annotation of one sample, as the editor loads and saves it. */
export interface AnnotationView {
  sampleId: number;
  labelerId: number;
  status: AnnotationStatus;
  /** Increases with every save; each revision is kept. */
  revision: number;
  payload: AnnotationPayload;
  /** The guideline version the latest revision was made under. */
  guidelineVersion: number;
  updatedAt: string;
  submittedAt: string | null;
  timeSpentMs: number;
}

/** Where a sample stands for one labeler. */
export type QueueStatus = 'todo' | AnnotationStatus;

export interface QueueItem {
  sampleId: number;
  displayName: string;
  sha256: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  status: QueueStatus;
  /** Sent back for relabeling under a newer guideline version. */
  relabel?: { version: number; reason: string };
}

export interface Queue {
  labelerId: number;
  items: QueueItem[];
  counts: Record<QueueStatus, number>;
}
