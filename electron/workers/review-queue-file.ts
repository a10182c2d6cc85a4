import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { decodeKeptQueue, encodeKeptQueue, KeptQueueDecodeError, type KeptReviewSample } from './review-queue-codec';

/**
 * The review queue kept in the project's cache folder between sessions, so that the first
 * `review.queue` after opening a large project classifies only the samples whose answers or
 * tags changed since (each entry carries the stamp of its inputs, see `submittedStamps`) instead
 * of every sample (a minute at 20,000 images). The file is a cache: when it is missing, damaged,
 * of another format or of other options, the queue is built from the annotations as before.
 */

/**
 * Raised whenever what an entry means changes (how disagreements are classified, how severity is
 * scored) or how it is written (2: compact, see `review-queue-codec.ts`); a file of another
 * format is built again.
 */
export const REVIEW_QUEUE_FILE_FORMAT = 2;

export type { KeptReviewSample };

export interface ReviewQueueFile {
  kind: 'bbox' | 'transcript';
  iouThreshold: number | null;
  samples: KeptReviewSample[];
}

// The numbers are checked one by one as they are decoded: a schema over a million of them would cost what the format saves.
const fileSchema = z.object({
  format: z.literal(REVIEW_QUEUE_FILE_FORMAT),
  kind: z.enum(['bbox', 'transcript']),
  iouThreshold: z.number().nullable(),
  strings: z.array(z.string()),
  data: z.custom<unknown[]>((value) => Array.isArray(value), 'not a list'),
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
  try {
    return decodeKeptQueue(parsed.data);
  } catch (error) {
    if (!(error instanceof KeptQueueDecodeError)) throw error;
    console.warn(`[review] ${path} is not a review queue of this version (${error.message}); it is built again.`);
    return [];
  }
}

/** Keeps the queue in `path`, whole or not at all (a reader sees the old file or the new). */
export async function writeReviewQueueFile(path: string, queue: ReviewQueueFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const { kind, iouThreshold, samples } = queue;
  await writeFileAtomic(path, JSON.stringify({ format: REVIEW_QUEUE_FILE_FORMAT, kind, iouThreshold, ...encodeKeptQueue(samples) }));
}
