import { z } from 'zod';
import type { DatasetItem, DatasetSummary, LabelSource } from '../dataset';
import type { Split } from '../../dataset/splits';
import { storedPayloadSchema } from './annotation-payload';
import { versionedRecord } from './versioned-record';

// How a frozen dataset version is kept in the project database. Versions are never rewritten
// (their content hash covers them), so old shapes are upgraded on every read instead.

const splitSchema = z.enum(['train', 'dev', 'test'] satisfies Split[]);
const sourceSchema = z.enum(['gold', 'consensus', 'single', 'flagged'] satisfies LabelSource[]);
const count = z.number().int().nonnegative();
const nullableNumber = z.number().finite().nullable();
const perSplit = <T extends z.ZodType>(value: T) => z.object({ train: value, dev: value, test: value });

const itemSchema = z.object({
  sampleId: z.number().int().positive(),
  fileName: z.string(),
  sha256: z.string(),
  split: splitSchema,
  source: sourceSchema,
  guidelineVersion: z.number().int().positive(),
  agreement: nullableNumber,
  label: storedPayloadSchema,
  width: nullableNumber,
  height: nullableNumber,
  durationMs: nullableNumber,
}) satisfies z.ZodType<DatasetItem, unknown>;

const summarySchema = z.object({
  version: z.number().int().positive(),
  createdAt: z.string(),
  contentHash: z.string(),
  kind: z.enum(['bbox', 'transcript']),
  options: z.object({
    ratios: z.tuple([z.number(), z.number(), z.number()]),
    seed: z.number().int(),
    minAgreement: z.number(),
    unresolved: z.enum(['exclude', 'flag']),
    stratifyTags: z.array(z.string()),
    pinTestFrom: z.number().int().positive().nullable(),
  }),
  counts: perSplit(count),
  excluded: count,
  bySource: z.object({ gold: count, consensus: count, single: count, flagged: count }),
  classes: perSplit(z.record(z.string(), count)),
  tags: perSplit(z.record(z.string(), count)),
  agreement: z.object({ value: nullableNumber, low: nullableNumber, high: nullableNumber }),
  guidelines: z.array(z.object({ version: z.number().int().positive(), changelog: z.string() })),
  labelers: z.array(z.string()),
}) satisfies z.ZodType<DatasetSummary, unknown>;

/**
 * One sample of a frozen dataset version (`dataset_item.item_json`); its label goes through
 * the annotation payload's own parser.
 * @example storedDatasetItem.schema.parse(JSON.parse(row.item_json)).label.kind // 'bbox'
 */
export const storedDatasetItem = versionedRecord<DatasetItem>('dataset item', 1, itemSchema);

/**
 * What a dataset version is (`dataset_version.summary_json`).
 * @example storedDatasetSummary.stamp(summary).v // 1
 */
export const storedDatasetSummary = versionedRecord<DatasetSummary>('dataset summary', 1, summarySchema);
