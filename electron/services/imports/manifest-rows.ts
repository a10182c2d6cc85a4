import { parse as parseCsv } from 'csv-parse/sync';
import { jsonSyntaxReason } from '../../../shared/dataset/import/file-problems';

/** The rows of a manifest by line, and the lines that could not be read, with why. */
export interface ManifestRows {
  records: Array<{ line: number; record: Record<string, unknown> }>;
  problems: Array<{ line: number; reason: string }>;
}

/** Bad rows reported before the rest of a manifest is given up, so a binary file ends quickly. */
const MAX_BAD_ROWS = 100;

/**
 * A CSV manifest's rows, keyed by its header. A row the parser cannot read (a quote left open,
 * text after a closing quote) is reported by line and reading resumes on the next line, so
 * one bad row costs only itself. Reasons are the parser's error kind, never the row's text.
 * @example csvRows('file\na.jpg\n').records // [{ line: 2, record: { file: 'a.jpg' } }]
 */
export function csvRows(manifest: string): ManifestRows {
  // csv-parse counts a CRLF inside a quoted field as two lines; one line ending keeps rows' line numbers true.
  const text = manifest.replaceAll('\r\n', '\n');
  const result: ManifestRows = { records: [], problems: [] };
  let header: string[];
  let headerLines: number;
  try {
    const rows = parseCsv(text, { to: 1, bom: true, trim: true, skip_empty_lines: true, info: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
    if (rows.length === 0) return result;
    header = rows[0]!.record;
    headerLines = rows[0]!.info.lines;
  } catch (error) {
    result.problems.push({ line: 1, reason: `the header row is not valid CSV (${csvErrorKind(error)})` });
    return result;
  }
  const lines = text.split('\n');
  let from = headerLines + 1;
  while (from <= lines.length) {
    let lastLine = from - 1;
    try {
      parseCsv(lines.slice(from - 1).join('\n'), {
        columns: header,
        trim: true,
        skip_empty_lines: true,
        relax_quotes: true,
        relax_column_count: true,
        on_record: (record: Record<string, string>, context: { lines: number }) => {
          lastLine = from - 1 + context.lines;
          result.records.push({ line: lastLine, record });
          return null;
        },
      });
      break;
    } catch (error) {
      // The bad row starts on the first line with text after the last good row.
      let bad = lastLine + 1;
      while (bad <= lines.length && lines[bad - 1]!.trim() === '') bad++;
      result.problems.push({ line: bad, reason: `not a valid CSV row (${csvErrorKind(error)})` });
      if (result.problems.length >= MAX_BAD_ROWS) {
        result.problems.push({ line: bad, reason: `${MAX_BAD_ROWS} bad rows: the rest of the manifest was not read` });
        break;
      }
      from = bad + 1;
    }
  }
  return result;
}

/**
 * A JSONL manifest's rows: one JSON object per line; a line that is not one is reported by
 * number without its text.
 * @example jsonlRows('{"file": "a.jpg"}').records // [{ line: 1, record: { file: 'a.jpg' } }]
 */
export function jsonlRows(text: string): ManifestRows {
  const result: ManifestRows = { records: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      return result.problems.push({
        line,
        reason: `not valid JSON${jsonSyntaxReason(error, raw)
          .replace(/^is not valid JSON/, '')
          .replace(/\(line 1, /, '(')}`,
      });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return result.problems.push({ line, reason: 'each line must be a JSON object' });
    result.records.push({ line, record: value as Record<string, unknown> });
  });
  return result;
}

/** csv-parse's error code in words ("quote not closed"): its message quotes the row. */
function csvErrorKind(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code.replace(/^CSV_/, '').toLowerCase().replaceAll('_', ' ') : 'unreadable';
}
