import { readFile } from 'node:fs/promises';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { ImportProblem } from '../../../shared/api/imports';
import type { ImportCandidate, ScanResult } from './candidate';

/** Column names accepted for the media file, in order of preference. */
const PATH_COLUMNS = ['file', 'path', 'filepath', 'file_path', 'audio_filepath', 'image', 'filename'];
type MetadataValue = ImportCandidate['metadata'][string];

export function isManifestPath(path: string): boolean {
  return ['.csv', '.jsonl'].includes(extname(path).toLowerCase());
}

/**
 * Reads a CSV or JSONL manifest: one row per media file (a path column, relative to the
 * manifest's folder or absolute), an optional `tags` column (`a;b` in CSV, an array in
 * JSONL), and any other columns kept as the sample's metadata. A bad row is reported with
 * its line number and the rest still import.
 */
export async function scanManifest(manifestPath: string): Promise<ScanResult> {
  const text = await readFile(manifestPath, 'utf8');
  const rows = extname(manifestPath).toLowerCase() === '.csv' ? csvRows(text) : jsonlRows(text);
  const candidates: ImportCandidate[] = [];
  const problems: ImportProblem[] = [...rows.problems.map((p) => ({ ...p, path: manifestPath }))];
  const baseDir = dirname(manifestPath);
  for (const { line, record } of rows.records) {
    const pathColumn = PATH_COLUMNS.find((c) => typeof record[c] === 'string' && (record[c] as string).trim() !== '');
    if (!pathColumn) {
      problems.push({ path: manifestPath, line, reason: `no file path (expected a column named ${PATH_COLUMNS.slice(0, 3).join(', ')} …)` });
      continue;
    }
    const given = (record[pathColumn] as string).trim();
    const tags = tagsOf(record['tags']);
    if (tags === null) {
      problems.push({ path: manifestPath, line, reason: '`tags` must be text like "a;b" or a list of strings' });
      continue;
    }
    const metadata: ImportCandidate['metadata'] = {};
    for (const [key, value] of Object.entries(record)) {
      if (key !== pathColumn && key !== 'tags') metadata[key] = metadataValue(value);
    }
    candidates.push({ path: isAbsolute(given) ? given : resolve(baseDir, given), displayName: given.replaceAll('\\', '/'), tags, metadata, line });
  }
  return { candidates, problems };
}

interface ManifestRows {
  records: Array<{ line: number; record: Record<string, unknown> }>;
  problems: Array<{ line: number; reason: string }>;
}

function csvRows(text: string): ManifestRows {
  try {
    const parsed = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: true }) as Array<{
      record: Record<string, string>;
      info: { lines: number };
    }>;
    return { records: parsed.map((r) => ({ line: r.info.lines, record: r.record })), problems: [] };
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { records: [], problems: [{ line, reason: `not a valid CSV file: ${(error as Error).message}` }] };
  }
}

function jsonlRows(text: string): ManifestRows {
  const result: ManifestRows = { records: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('each line must be a JSON object');
      result.records.push({ line, record: value as Record<string, unknown> });
    } catch (error) {
      result.problems.push({ line, reason: `not valid JSON: ${(error as Error).message}` });
    }
  });
  return result;
}

function tagsOf(value: unknown): string[] | null {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') return uniqueTrimmed(value.split(/[;|]/));
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return uniqueTrimmed(value);
  return null;
}

function uniqueTrimmed(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
}

function metadataValue(value: unknown): MetadataValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value) ?? null;
}
