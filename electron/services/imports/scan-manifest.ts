import { dirname, extname, isAbsolute, resolve } from 'node:path';
import type { ImportProblem } from '../../../shared/api/imports';
import { shortName } from '../../../shared/dataset/import/file-problems';
import { readTextFile } from '../datasets/read-label-files';
import type { ImportCandidate, ScanResult } from './candidate';
import { csvRows, jsonlRows } from './manifest-rows';

/** Column names accepted for the media file, in order of preference. */
const PATH_COLUMNS = ['file', 'path', 'filepath', 'file_path', 'audio_filepath', 'image', 'filename'];
type MetadataValue = ImportCandidate['metadata'][string];

/**
 * Limits on what a row keeps as metadata: it is stored with every sample and sent with every
 * sample list, so a stray column of whole documents would slow every screen.
 */
export const METADATA_LIMITS = { valueChars: 4000, fields: 50 } as const;

export function isManifestPath(path: string): boolean {
  return ['.csv', '.jsonl'].includes(extname(path).toLowerCase());
}

/**
 * Reads a CSV or JSONL manifest: one row per media file (a path column, relative to the
 * manifest's folder or absolute), an optional `tags` column (`a;b` in CSV, an array in
 * JSONL), and any other columns kept as the sample's metadata (within {@link METADATA_LIMITS}).
 * A bad row is reported with its line number and the rest still import.
 */
export async function scanManifest(manifestPath: string): Promise<ScanResult> {
  const text = await readTextFile(manifestPath);
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
    const metadata = metadataOf(record, pathColumn);
    if (typeof metadata === 'string') {
      problems.push({ path: manifestPath, line, reason: metadata });
      continue;
    }
    candidates.push({ path: isAbsolute(given) ? given : resolve(baseDir, given), displayName: given.replaceAll('\\', '/'), tags, metadata, line });
  }
  return { candidates, problems };
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

/** The row's other columns as metadata, or why they cannot be kept (the row is then left out, to be fixed and imported again). */
function metadataOf(record: Record<string, unknown>, pathColumn: string): ImportCandidate['metadata'] | string {
  const metadata: Record<string, MetadataValue> = {};
  const entries = Object.entries(record).filter(([key]) => key !== pathColumn && key !== 'tags');
  if (entries.length > METADATA_LIMITS.fields) return `has ${entries.length} metadata columns; at most ${METADATA_LIMITS.fields} are kept per sample`;
  for (const [key, raw] of entries) {
    const value = metadataValue(raw);
    if (typeof value === 'string' && value.length > METADATA_LIMITS.valueChars)
      return `metadata "${shortName(key, 40)}" is ${value.length.toLocaleString('en')} characters long; values are kept up to ${METADATA_LIMITS.valueChars.toLocaleString('en')}: shorten it and import again`;
    metadata[key] = value;
  }
  return metadata;
}
