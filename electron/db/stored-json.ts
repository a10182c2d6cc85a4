import type { z } from 'zod';
import type { Database } from './schema';

/** Where a stored JSON value lives: its table, the row (by its key) and the column. */
export interface StoredJsonPlace<Table extends keyof Database = keyof Database> {
  table: Table;
  column: keyof Database[Table] & string;
  /** The row's key as it is shown to a person: `12`, or `dataset_version_id 3, sample_id 12`. */
  row: number | string;
}

/**
 * A JSON column that does not hold what Concord wrote there: the project database was
 * damaged, or edited by something else. The message names the table, row and column and
 * why, never the stored content (a hostile database could put anything there).
 */
export class StoredJsonError extends Error {
  constructor(
    readonly place: { table: keyof Database; column: string; row: number | string },
    readonly reason: string,
  ) {
    super(`The project database is damaged: ${place.column} of ${place.table} row ${place.row} ${reason}.`);
    this.name = 'StoredJsonError';
  }
}

/**
 * Parses one stored JSON value with its schema, in the query function that reads it, so
 * services only ever see checked, current-shape values. Throws `StoredJsonError`.
 */
export function readStoredJson<T, Table extends keyof Database>(schema: z.ZodType<T, unknown>, text: string, place: StoredJsonPlace<Table>): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new StoredJsonError(place, 'is not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new StoredJsonError(place, `does not have the expected shape (at ${describePath(issue.path)}: ${describeIssue(issue)})`);
}

/**
 * For listings where one damaged row must not hide the others: the value, or null after
 * logging what is damaged and where. Each caller says what it shows instead, and why.
 */
export function readStoredJsonOrNull<T, Table extends keyof Database>(schema: z.ZodType<T, unknown>, text: string, place: StoredJsonPlace<Table>): T | null {
  try {
    return readStoredJson(schema, text, place);
  } catch (error) {
    if (!(error instanceof StoredJsonError)) throw error;
    console.warn(`[db] ${error.message}`);
    return null;
  }
}

/** Field names (ours, or short identifier-like record keys) are shown; anything else a stored value could make up is not repeated. */
function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the top';
  return path
    .map((part) => (typeof part === 'number' || (typeof part === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,39}$/.test(part)) ? String(part) : '…'))
    .join('.');
}

/** Zod's messages name what was expected, except for unknown keys, which would repeat stored names. */
function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.code === 'unrecognized_keys' ? 'has keys it should not have' : issue.message;
}
