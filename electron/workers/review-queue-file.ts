import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { ReviewEntry } from '../../shared/disagreement/review-entry';
import { DISAGREEMENT_TYPES, type DisagreementType } from '../../shared/disagreement/types';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * The review queue kept in the project's cache folder between sessions, so that the first
 * `review.queue` after opening a large project classifies only the samples whose answers or
 * tags changed since (each entry carries the stamp of its inputs, see `submittedStamps`) instead
 * of every sample (a minute at 20,000 images). The file is a cache: when it is missing, damaged,
 * of another format or of other options, the queue is built from the annotations as before.
 */

/** Raised whenever what an entry means changes (how disagreements are classified, how severity is scored). */
export const REVIEW_QUEUE_FILE_FORMAT = 1;

export interface KeptReviewSample {
  sampleId: number;
  /** The stamp of the answers and tags the entry was computed from. */
  stamp: string;
  severity: number;
  entry: ReviewEntry;
}

export interface ReviewQueueFile {
  kind: 'bbox' | 'transcript';
  iouThreshold: number | null;
  samples: KeptReviewSample[];
}

const id = z.number().int();
const disagreementType = z.enum(Object.keys(DISAGREEMENT_TYPES) as [DisagreementType, ...DisagreementType[]]);

const fileSchema = z.object({
  format: z.literal(REVIEW_QUEUE_FILE_FORMAT),
  kind: z.enum(['bbox', 'transcript']),
  iouThreshold: z.number().nullable(),
  samples: z.array(
    z.object({
      sampleId: id,
      stamp: z.string(),
      severity: z.number().min(0).max(1),
      entry: z.object({
        item: z
          .object({
            sampleId: id,
            labelerIds: z.array(id),
            types: z.partialRecord(disagreementType, z.number().int().nonnegative()),
            classIds: z.array(id),
            tags: z.array(z.string()),
            guidelineVersions: z.array(id),
            pairs: z.array(z.string().regex(/^\d+:\d+$/)),
          })
          .nullable(),
        counts: z.array(
          z.object({
            dimension: z.enum(['overall', 'class', 'tag', 'version']),
            key: z.union([z.string(), z.number()]),
            type: disagreementType,
            count: z.number().int().positive(),
          }),
        ),
      }),
    }),
  ),
});

/**
 * The samples kept in `path` for a queue of `kind` and `iouThreshold`; none when there is no
 * such file or it does not hold what this version wrote (the reason is logged without content).
 */
export async function readReviewQueueFile(path: string, kind: ReviewQueueFile['kind'], iouThreshold: number | null): Promise<KeptReviewSample[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return []; // not kept yet
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    console.warn(`[review] ${path} is not valid JSON; the review queue is built from the annotations.`);
    return [];
  }
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    console.warn(`[review] ${path} is not a review queue of this version (${issue.path.join('.') || 'the file'}: ${issue.message}); it is built again.`);
    return [];
  }
  if (parsed.data.kind !== kind || parsed.data.iouThreshold !== iouThreshold) return [];
  return parsed.data.samples;
}

/** Keeps the queue in `path`, whole or not at all (a reader sees the old file or the new). */
export async function writeReviewQueueFile(path: string, queue: ReviewQueueFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, JSON.stringify({ format: REVIEW_QUEUE_FILE_FORMAT, ...queue }));
}
