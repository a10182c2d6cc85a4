import { z } from 'zod';

export type MediaKind = 'image' | 'audio';

/** Where a sample stands across all labelers: nobody started, someone has a draft, someone submitted. */
export const sampleStatusSchema = z.enum(['unlabeled', 'draft', 'submitted']);
export type SampleStatus = z.infer<typeof sampleStatusSchema>;

export interface ImageInfo {
  width: number;
  height: number;
}

export interface AudioInfo {
  durationMs: number;
  sampleRate: number;
  channels: number;
}

export interface Sample {
  id: number;
  /** File name shown to people; the media itself is found through `mediaPath`. */
  displayName: string;
  mediaKind: MediaKind;
  sha256: string;
  byteSize: number;
  image: ImageInfo | null;
  audio: AudioInfo | null;
  /** Extra columns from the import manifest, as given. */
  metadata: Record<string, string | number | boolean | null>;
  tags: string[];
  status: SampleStatus;
  annotationCount: number;
  /** False when the media file is no longer where the project expects it (re-link the folder). */
  mediaAvailable: boolean;
  importedAt: string;
}

export const sampleFilterSchema = z.object({
  /** Only these samples (e.g. the ones behind a cell of the agreement dashboard). */
  ids: z.array(z.number().int().positive()).max(500).optional(),
  tags: z.array(z.string()).default([]),
  status: sampleStatusSchema.optional(),
  search: z.string().trim().max(200).optional(),
});
export type SampleFilter = z.input<typeof sampleFilterSchema>;

/**
 * Orders of the Samples list: name, import order ("added"), how far labeling got ("status":
 * unlabeled, then drafts, then by submissions), or first tag name (untagged last); each
 * ascending or descending, ties by import order.
 */
export const sampleSortSchema = z.object({
  by: z.enum(['name', 'added', 'status', 'tag']).default('added'),
  descending: z.boolean().default(false),
});
export type SampleSort = z.output<typeof sampleSortSchema>;

export interface SamplePage {
  total: number;
  items: Sample[];
}
