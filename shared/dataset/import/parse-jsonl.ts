import type { ParseResult, ParsedLabel } from './parsed-label';

/**
 * A transcript manifest, one JSON object per line (`audio_filepath`, `text`, and for a segment
 * `offset` and `duration` in seconds). Rows of one file make one label: rows with offsets are
 * its segments; a row without is the whole clip. Bad lines are reported by number.
 */
export function parseJsonl(text: string): ParseResult {
  const result: ParseResult = { labels: [], problems: [] };
  const byFile = new Map<string, ParsedLabel & { content: { kind: 'segments' } }>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1}`;
    let row: { audio_filepath?: unknown; text?: unknown; offset?: unknown; duration?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      return result.problems.push({ where, message: 'is not valid JSON' });
    }
    if (typeof row.audio_filepath !== 'string' || typeof row.text !== 'string')
      return result.problems.push({ where, message: 'needs "audio_filepath" and "text"' });
    const offset = row.offset === undefined ? null : Number(row.offset);
    const duration = row.duration === undefined ? null : Number(row.duration);
    if ((offset !== null && !(offset >= 0)) || (duration !== null && !(duration > 0)))
      return result.problems.push({ where, message: 'has an invalid offset or duration' });
    let label = byFile.get(row.audio_filepath);
    if (!label) byFile.set(row.audio_filepath, (label = { file: row.audio_filepath, where, content: { kind: 'segments', segments: [] } }));
    const startMs = Math.round((offset ?? 0) * 1000);
    label.content.segments.push({ startMs, endMs: offset === null || duration === null ? null : startMs + Math.round(duration * 1000), text: row.text });
  });
  result.labels.push(...byFile.values());
  return result;
}
