import type { AnnotationPayload } from '../annotation/payload';
import type { Split } from '../dataset/splits';

export const EXPORT_FORMATS = ['coco', 'yolo', 'voc', 'jsonl', 'csv', 'huggingface', 'label-studio', 'cvat'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const BOX_FORMATS: readonly ExportFormat[] = ['coco', 'yolo', 'voc', 'huggingface', 'label-studio', 'cvat'];
export const TRANSCRIPT_FORMATS: readonly ExportFormat[] = ['jsonl', 'csv', 'huggingface', 'label-studio'];
/** Formats labels made elsewhere are imported from. */
export const LABEL_IMPORT_FORMATS = ['coco', 'yolo', 'voc', 'jsonl', 'label-studio', 'cvat'] as const;
export type LabelImportFormat = (typeof LABEL_IMPORT_FORMATS)[number];
/** Formats every labeler's own answers are exported in, for a team moving back to another tool. */
export const LABELER_EXPORT_FORMATS = ['label-studio', 'cvat'] as const;
/** How each format is called where a person chooses one. */
export const FORMAT_LABELS: Record<ExportFormat, string> = {
  coco: 'COCO',
  yolo: 'YOLO',
  voc: 'Pascal VOC',
  jsonl: 'JSONL manifest',
  csv: 'CSV',
  huggingface: 'Hugging Face (imagefolder / audiofolder)',
  'label-studio': 'Label Studio JSON',
  cvat: 'CVAT for images 1.1 XML',
};

/** How a dataset version is made; frozen with it. */
export interface DatasetOptions {
  /** Train, dev, test shares. */
  ratios: [number, number, number];
  seed: number;
  /** The automatic consensus is the final label where the sample's agreement is at least this. */
  minAgreement: number;
  /** Samples with neither a decision nor a consensus above the threshold: left out, or kept and flagged. */
  unresolved: 'exclude' | 'flag';
  /** Tags whose presence splits are balanced on, besides the classes. */
  stratifyTags: string[];
  /** Keep the test split of this earlier version (its samples stay in test). */
  pinTestFrom: number | null;
}

/**
 * Where a sample's final label came from: an SME's decision, the consensus above the threshold,
 * the one labeler who labeled it (no overlap, so no agreement to check), or unresolved and flagged.
 */
export type LabelSource = 'gold' | 'consensus' | 'single' | 'flagged';

export interface DatasetItem {
  sampleId: number;
  /** The file name in the export, unique within the version. */
  fileName: string;
  sha256: string;
  split: Split;
  source: LabelSource;
  /** The newest guideline version among the answers behind the label. */
  guidelineVersion: number;
  /** 1 − the sample's disagreement score; `null` with fewer than two labelers. */
  agreement: number | null;
  label: AnnotationPayload;
  /** Image size or audio length, for formats that need them. */
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

export type SplitCounts = Record<Split, number>;

export interface DatasetSummary {
  version: number;
  createdAt: string;
  /** SHA-256 over the frozen items, options, guideline versions and agreement. */
  contentHash: string;
  kind: 'bbox' | 'transcript';
  options: DatasetOptions;
  counts: SplitCounts;
  /** Samples with a submitted annotation that were left out (unresolved, with `exclude`). */
  excluded: number;
  bySource: Record<LabelSource, number>;
  /** Boxes per class name (images), per split. */
  classes: Record<Split, Record<string, number>>;
  /** Samples per slice tag, per split. */
  tags: Record<Split, Record<string, number>>;
  agreement: { value: number | null; low: number | null; high: number | null };
  guidelines: { version: number; changelog: string }[];
  labelers: string[];
}

/** What changed from one version to another. */
export interface DatasetDiff {
  from: number;
  to: number;
  added: { sampleId: number; fileName: string }[];
  removed: { sampleId: number; fileName: string }[];
  relabelled: { sampleId: number; fileName: string }[];
  moved: { sampleId: number; fileName: string; from: Split; to: Split }[];
}

/** The counts a version would have, before it is made. */
export interface DatasetPreview {
  counts: SplitCounts;
  excluded: number;
  bySource: Record<LabelSource, number>;
  classes: Record<Split, Record<string, number>>;
}

/** A dataset version made ready to fetch as one zip (`datasets.download`). */
export interface DatasetDownload {
  /** Where to GET the zip, on any of the server's processes: once, by the account that asked, before `expiresAt`. */
  url: string;
  /** A name to save it under: the project, the version and the format. */
  fileName: string;
  expiresAt: string;
}
