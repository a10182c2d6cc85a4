import type { AnnotationPayload } from '../../annotation/payload';
import type { DatasetItem } from '../../domain/dataset';
import type { ExportClass } from './coco';
import { splitName } from './split-names';

/**
 * One sample as Label Studio and CVAT files describe it: its media, its size, and the answers
 * on it, each by whom. A dataset version's item has one answer, the final label, made by no one
 * in particular; a per-labeler export has one answer for each labeler who submitted the sample.
 */
export interface InterchangeTask {
  sampleId: number;
  /** The media as the file refers to it, relative to the file (`media/cat.jpg`). */
  media: string;
  /** The name the image has in CVAT's `<image name>`. */
  fileName: string;
  width: number | null;
  height: number | null;
  /** The split's name in files (`train`, `val`, `test`), for a dataset version; null otherwise. */
  split: string | null;
  answers: InterchangeAnswer[];
}

export interface InterchangeAnswer {
  /** Null for a dataset version's final label. */
  labeler: { id: number; name: string } | null;
  payload: AnnotationPayload;
}

/**
 * A dataset version's items as tasks, each with its final label.
 * @example finalTasks([item], (item) => `media/${item.fileName}`, 'label-studio')[0]!.answers[0]!.labeler // null
 */
export function finalTasks(items: readonly DatasetItem[], media: (item: DatasetItem) => string, format: 'label-studio' | 'cvat'): InterchangeTask[] {
  return items.map((item) => finalTask(item, media, format));
}

/** One item's task of {@link finalTasks}. */
export function finalTask(item: DatasetItem, media: (item: DatasetItem) => string, format: 'label-studio' | 'cvat'): InterchangeTask {
  return {
    sampleId: item.sampleId,
    media: media(item),
    fileName: item.fileName,
    width: item.width,
    height: item.height,
    split: splitName(item.split, format),
    answers: [{ labeler: null, payload: item.label }],
  };
}

/** Class names by id; a class since removed keeps its id as its name rather than vanishing. */
export function classNamer(classes: readonly ExportClass[]): (classId: number) => string {
  const names = new Map(classes.map((c) => [c.id, c.name]));
  return (classId) => names.get(classId) ?? String(classId);
}
