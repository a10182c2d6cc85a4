import { parseAnnotationPayload, PayloadError, type AnnotationPayload } from '../../annotation/payload';
import type { DatasetItem, LabelSource } from '../dataset';
import type { Split } from '../../dataset/splits';

const SPLIT_NAMES: ReadonlySet<unknown> = new Set<Split>(['train', 'dev', 'test']);
const SOURCES: ReadonlySet<unknown> = new Set<LabelSource>(['gold', 'consensus', 'single', 'flagged']);

/**
 * A stored dataset item (`dataset_item.item_json`, parsed) read without zod, or null when
 * anything about it is not plainly a current item (then `storedDatasetItem.schema` reads it,
 * and says what is wrong). An export reads every item of its version (100,000 at 100,000
 * images), and zod's copies of each were half of that read. It gives exactly what the schema
 * gives for the items it accepts: the same checks (the label through the payload's own
 * parser), unknown keys and `v` left out, keys in the schema's order; a test holds the two
 * together over random and damaged items.
 *
 * @example quickDatasetItem(JSON.parse(row.item_json))?.label.kind // 'bbox'
 */
export function quickDatasetItem(value: unknown): DatasetItem | null {
  if (!isPlainObject(value)) return null;
  // Version 1 is the only shape so far: a record without `v` is version 1 too.
  if (value['v'] !== undefined && value['v'] !== 1) return null;
  const { sampleId, fileName, sha256, split, source, guidelineVersion, agreement, width, height, durationMs } = value;
  if (!isSafeInteger(sampleId) || sampleId <= 0) return null;
  if (typeof fileName !== 'string' || typeof sha256 !== 'string') return null;
  if (!SPLIT_NAMES.has(split) || !SOURCES.has(source)) return null;
  if (!isSafeInteger(guidelineVersion) || guidelineVersion <= 0) return null;
  if (!isNullableFinite(agreement) || !isNullableFinite(width) || !isNullableFinite(height) || !isNullableFinite(durationMs)) return null;
  const label = labelOf(value['label']);
  if (label === null) return null;
  return {
    sampleId,
    fileName,
    sha256,
    split: split as Split,
    source: source as LabelSource,
    guidelineVersion,
    agreement,
    label,
    width,
    height,
    durationMs,
  };
}

function labelOf(value: unknown): AnnotationPayload | null {
  try {
    return parseAnnotationPayload(value);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isSafeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isNullableFinite(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
}
