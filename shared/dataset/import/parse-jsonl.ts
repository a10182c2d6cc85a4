import { z } from 'zod';
import { jsonLines } from './json-lines';
import type { ParseResult, ParsedLabel } from './parsed-label';

/** Seconds as a number, or as text holding one (some tools write `"offset": "1.5"`). */
const seconds = z.union([z.number(), z.string().trim().min(1).pipe(z.coerce.number())]).pipe(z.number().finite());

const rowSchema = z.object({
  audio_filepath: z.string().min(1),
  text: z.string(),
  offset: seconds.pipe(z.number().nonnegative()).optional(),
  duration: seconds.pipe(z.number().positive()).optional(),
});

/**
 * A transcript manifest, one JSON object per line (`audio_filepath`, `text`, and for a segment
 * `offset` and `duration` in seconds). Rows of one file make one label: rows with offsets are
 * its segments; a row without is the whole clip. Bad lines are reported by number, with what
 * is wrong and none of their text, and the rest imports.
 * @example parseJsonl('{"audio_filepath": "a.wav", "text": "hi"}').labels[0]!.file // 'a.wav'
 */
export function parseJsonl(text: string): ParseResult {
  const result: ParseResult = { labels: [], problems: [] };
  const byFile = new Map<string, ParsedLabel & { content: { kind: 'segments' } }>();
  for (const { row, where } of jsonLines(text, rowSchema, result.problems)) {
    const { audio_filepath: file, offset, duration } = row;
    let label = byFile.get(file);
    if (!label) byFile.set(file, (label = { file, where, content: { kind: 'segments', segments: [] } }));
    const startMs = Math.round((offset ?? 0) * 1000);
    const endMs = offset === undefined || duration === undefined ? null : startMs + Math.round(duration * 1000);
    label.content.segments.push({ startMs, endMs, text: row.text });
  }
  result.labels.push(...byFile.values());
  return result;
}
