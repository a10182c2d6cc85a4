import { z } from 'zod';
import type { ClassifyingProgress } from './classifying';

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
  /** Time labelers spent on the sample in the editor, all of them together. */
  timeSpentMs: number;
  /** False when the media file is no longer where the project expects it (re-link the folder). */
  mediaAvailable: boolean;
  importedAt: string;
}

/**
 * A column of the import manifest's metadata, by name. SQL reads it through a JSON path, where a
 * quote or backslash would need escaping no engine spells alike; manifest headers hold none.
 */
export const metadataFieldSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[^"\\]+$/, 'a metadata field name holds no quote or backslash');

export const sampleFilterSchema = z.object({
  /** Only these samples (e.g. the ones behind a cell of the agreement dashboard). */
  ids: z.array(z.number().int().positive()).max(500).optional(),
  tags: z.array(z.string()).default([]),
  status: sampleStatusSchema.optional(),
  search: z.string().trim().max(200).optional(),
  /** Only samples this labeler has worked on or is assigned. */
  labelerId: z.number().int().positive().optional(),
  /** Only samples whose metadata field reads this value (numbers and booleans as written: "3", "2.5", "true"). */
  metadata: z.object({ field: metadataFieldSchema, value: z.string().max(200) }).optional(),
  /**
   * Only samples whose agreement (1 − their disagreement score, as the review queue scores it) is
   * below `below` and/or at least `atLeast`; samples fewer than two labelers answered match neither.
   */
  agreement: z
    .object({ below: z.number().min(0).max(1).optional(), atLeast: z.number().min(0).max(1).optional() })
    .strict()
    .refine((range) => range.below !== undefined || range.atLeast !== undefined, { message: 'give a bound: below or atLeast' })
    .optional(),
});
export type SampleFilter = z.input<typeof sampleFilterSchema>;

/**
 * The samples a bulk action of the Samples list acts on: those picked one by one (kept across
 * pages), or every sample a filter matches when the action runs ("select all 12,345 matching").
 */
export const sampleSelectionSchema = z.union([
  z.object({ ids: z.array(z.number().int().positive()).min(1).max(10_000) }).strict(),
  z.object({ filter: sampleFilterSchema }).strict(),
]);
export type SampleSelection = z.input<typeof sampleSelectionSchema>;

/** What a bulk action did: how many samples it changed, and how many were already as asked (or could not be). */
export interface BulkResult {
  /** Samples the selection held when the action ran. */
  selected: number;
  changed: number;
  /** Already so (assigned, tagged, decided) or not eligible (no submissions to relabel, fewer than two answers to agree). */
  unchanged: number;
}

/**
 * Orders of the Samples list: name, import order ("added"), how far labeling got ("status":
 * unlabeled, then drafts, then by submissions), first tag name (untagged last), time spent in
 * the editor, how many labelers worked on it, a metadata field (numbers by value before
 * text, samples without the field last), or agreement between its labelers (samples fewer than
 * two labelers answered last); each ascending or descending, ties by import order.
 */
export const sampleSortSchema = z
  .object({
    by: z.enum(['name', 'added', 'status', 'tag', 'time', 'labelers', 'metadata', 'agreement']).default('added'),
    descending: z.boolean().default(false),
    /** The metadata field, when sorting by one. */
    field: metadataFieldSchema.optional(),
  })
  .refine((sort) => sort.by !== 'metadata' || sort.field !== undefined, { message: 'sorting by metadata needs a field', path: ['field'] });
export type SampleSort = z.output<typeof sampleSortSchema>;

/** A sample's agreement between its labelers (0 … 1), or null when fewer than two submitted it. */
export interface SampleAgreement {
  sampleId: number;
  agreement: number | null;
}

export interface SamplePage {
  total: number;
  items: Sample[];
  /**
   * Filtered or sorted by agreement while many samples are being classified: those not yet done
   * are placed by the agreement kept before their answers changed (or none). Otherwise null.
   */
  classifying: ClassifyingProgress | null;
}
