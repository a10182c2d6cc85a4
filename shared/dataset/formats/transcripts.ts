import type { DatasetItem } from '../../domain/dataset';
import { textOf } from '../../disagreement/transcript-disagreements';

/**
 * A JSONL manifest of one split, the layout NeMo and Hugging Face loaders read: a row per clip
 * (`audio_filepath`, `duration` in seconds, `text`), or, for clips split into segments, a row
 * per segment with its `offset` and `duration`. `mediaPath` gives the path written for a file.
 * Every row also says whether its clip is an unresolved disagreement kept in the version
 * (`flagged`), a field those loaders ignore.
 */
export function* jsonlRows(items: readonly DatasetItem[], mediaPath: (item: DatasetItem) => string): Generator<string> {
  for (const item of items) yield jsonlItemRows(item, mediaPath);
}

/** One clip's rows of {@link jsonlRows} ('' for an item that is not a transcript), for an export that writes each item as it is read. */
export function jsonlItemRows(item: DatasetItem, mediaPath: (item: DatasetItem) => string): string {
  if (item.label.kind !== 'transcript') return '';
  const audio = mediaPath(item);
  const flagged = item.source === 'flagged';
  if (item.label.mode !== 'segments' || item.label.noSpeech)
    return `${JSON.stringify({ audio_filepath: audio, duration: (item.durationMs ?? 0) / 1000, text: item.label.noSpeech ? '' : textOf(item.label), flagged })}\n`;
  let rows = '';
  for (const segment of [...item.label.segments].sort((x, y) => x.startMs - y.startMs))
    rows += `${JSON.stringify({ audio_filepath: audio, offset: segment.startMs / 1000, duration: (segment.endMs - segment.startMs) / 1000, text: segment.text, flagged })}\n`;
  return rows;
}

/** The first line of {@link csvRows}. */
export const CSV_HEADER = 'file_name,duration,text,flagged\n';

/**
 * A CSV of one split (Hugging Face's audiofolder reads `file_name`): a row per clip, `flagged`
 * `true` for an unresolved disagreement kept in the version.
 */
export function* csvRows(items: readonly DatasetItem[], mediaPath: (item: DatasetItem) => string): Generator<string> {
  yield CSV_HEADER;
  for (const item of items) yield csvRow(item, mediaPath);
}

/** One clip's row of {@link csvRows} ('' for an item that is not a transcript), for an export that writes each item as it is read. */
export function csvRow(item: DatasetItem, mediaPath: (item: DatasetItem) => string): string {
  if (item.label.kind !== 'transcript') return '';
  const text = item.label.noSpeech ? '' : textOf(item.label);
  return `${[mediaPath(item), String((item.durationMs ?? 0) / 1000), text, String(item.source === 'flagged')].map(csvField).join(',')}\n`;
}

/**
 * One CSV cell: a value a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return) gets a single quote in front, as OWASP recommends against CSV
 * injection; then, per RFC 4180, fields with commas, quotes or line breaks are quoted, their
 * quotes doubled.
 * @example csvField('=1+2') // "'=1+2"
 * @example csvField('a, b') // '"a, b"'
 */
export function csvField(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}
