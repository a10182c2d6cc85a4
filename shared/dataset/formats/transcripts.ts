import type { DatasetItem } from '../../domain/dataset';
import { textOf } from '../../disagreement/transcript-disagreements';

/**
 * A JSONL manifest of one split, the layout NeMo and Hugging Face loaders read: a row per clip
 * (`audio_filepath`, `duration` in seconds, `text`), or, for clips split into segments, a row
 * per segment with its `offset` and `duration`. `mediaPath` gives the path written for a file.
 */
export function* jsonlRows(items: readonly DatasetItem[], mediaPath: (item: DatasetItem) => string): Generator<string> {
  for (const item of items) {
    if (item.label.kind !== 'transcript') continue;
    const audio = mediaPath(item);
    if (item.label.mode === 'segments' && !item.label.noSpeech) {
      for (const segment of [...item.label.segments].sort((x, y) => x.startMs - y.startMs)) {
        yield `${JSON.stringify({ audio_filepath: audio, offset: segment.startMs / 1000, duration: (segment.endMs - segment.startMs) / 1000, text: segment.text })}\n`;
      }
    } else {
      yield `${JSON.stringify({ audio_filepath: audio, duration: (item.durationMs ?? 0) / 1000, text: item.label.noSpeech ? '' : textOf(item.label) })}\n`;
    }
  }
}

/** A CSV of one split (Hugging Face's audiofolder reads `file_name`): a row per clip. */
export function* csvRows(items: readonly DatasetItem[], mediaPath: (item: DatasetItem) => string): Generator<string> {
  yield 'file_name,duration,text\n';
  for (const item of items) {
    if (item.label.kind !== 'transcript') continue;
    const text = item.label.noSpeech ? '' : textOf(item.label);
    yield `${[mediaPath(item), String((item.durationMs ?? 0) / 1000), text].map(csvField).join(',')}\n`;
  }
}

/** RFC 4180: quote fields with commas, quotes or line breaks; double the quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
