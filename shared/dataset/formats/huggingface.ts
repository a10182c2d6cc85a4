import type { DatasetItem } from '../../domain/dataset';
import { textOf } from '../../disagreement/transcript-disagreements';
import { classIndexOf } from './class-index';
import type { ExportClass } from './coco';
import { round } from './coco';

/**
 * `metadata.jsonl` of one split for Hugging Face's `imagefolder` loader, beside the images:
 * a row per image with `file_name` (relative to this file), `objects` holding `bbox` as COCO's
 * [x, y, width, height] in pixels and `categories` as each box's class index (the order of
 * the project's classes, as in `DATASET.md`), plus `source`, `agreement` and `flagged`.
 * @example [...imagefolderRows(items, classes)][0] // '{"file_name":"a.jpg","objects":{"bbox":[[1,2,3,4]],"categories":[0]},…}\n'
 */
export function* imagefolderRows(items: readonly DatasetItem[], classes: readonly ExportClass[]): Generator<string> {
  for (const item of items) yield imagefolderRow(item, classes);
}

/** One image's row of {@link imagefolderRows}, for an export that writes each item as it is read. */
export function imagefolderRow(item: DatasetItem, classes: readonly ExportClass[]): string {
  const index = classIndexOf(classes);
  const boxes = item.label.kind === 'bbox' ? item.label.boxes : [];
  const objects = {
    bbox: boxes.map((box) => [round(box.x1), round(box.y1), round(box.x2 - box.x1), round(box.y2 - box.y1)]),
    categories: boxes.map((box) => index.get(box.classId)!),
  };
  return `${JSON.stringify({ file_name: item.fileName, objects, ...extras(item) })}\n`;
}

/**
 * `metadata.jsonl` of one split for Hugging Face's `audiofolder` loader: a row per clip with
 * `file_name`, `transcription` (the whole text), `duration` in seconds, and `segments` (start
 * and end in seconds, and text; a clip transcribed whole is one segment), plus the same
 * `source`, `agreement` and `flagged` as images.
 */
export function* audiofolderRows(items: readonly DatasetItem[]): Generator<string> {
  for (const item of items) yield audiofolderRow(item);
}

/** One clip's row of {@link audiofolderRows} ('' for an item that is not a transcript), for an export that writes each item as it is read. */
export function audiofolderRow(item: DatasetItem): string {
  if (item.label.kind !== 'transcript') return '';
  const duration = (item.durationMs ?? 0) / 1000;
  const label = item.label;
  const segments = label.noSpeech
    ? []
    : label.mode === 'segments'
      ? [...label.segments].sort((x, y) => x.startMs - y.startMs).map((s) => ({ start: s.startMs / 1000, end: s.endMs / 1000, text: s.text }))
      : [{ start: 0, end: duration, text: textOf(label) }];
  const transcription = label.noSpeech ? '' : textOf(label);
  return `${JSON.stringify({ file_name: item.fileName, transcription, duration, segments, ...extras(item) })}\n`;
}

function extras(item: DatasetItem) {
  return { source: item.source, agreement: item.agreement, flagged: item.source === 'flagged' };
}
