import { z } from 'zod';
import type { TableInfo } from '../../db/dialect/catalog';
import type { TableRow } from '../../db/table-copy';

/**
 * A team database's backup: JSON lines, one JSON value per line.
 *
 * - Line 1, the header: `{"format":"concord-team-backup","formatVersion":1,"schemaVersion":14,
 *   "madeAt":"2026-12-03T18:00:00.000Z","tables":[{"name":"project","columns":["id","name",...]},...]}`.
 *   Tables are listed in the order they are restored (each after those it points at).
 * - Then one line per row: `{"t":"sample","r":[1,"cat.jpg",...]}`, values in the header's
 *   column order; numbers, text and null as JSON, bytes as `{"base64":"..."}`.
 * - Last line, the trailer: `{"end":true,"rows":{"project":1,"sample":12,...}}`. A file without
 *   it, or whose counts differ, was cut short and is not restored.
 */
export const BACKUP_FORMAT = 'concord-team-backup';
export const BACKUP_FORMAT_VERSION = 1;

const name = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'is not a table or column name');

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  schemaVersion: z.number().int().positive(),
  madeAt: z.string(),
  tables: z.array(z.object({ name, columns: z.array(name).min(1) })),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

const value = z.union([z.null(), z.number(), z.string(), z.object({ base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/) }).strict()]);
type BackupValue = z.infer<typeof value>;
const rowLineSchema = z.object({ t: name, r: z.array(value) }).strict();
const trailerSchema = z.object({ end: z.literal(true), rows: z.record(name, z.number().int().nonnegative()) }).strict();

/** One line after the header: a row of a table, or the trailer. */
export type BackupLine = { kind: 'row'; table: string; values: BackupValue[] } | { kind: 'end'; rows: Record<string, number> };

export function headerLine(schemaVersion: number, tables: readonly TableInfo[], madeAt: Date): string {
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion,
    madeAt: madeAt.toISOString(),
    tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
  };
  return `${JSON.stringify(header)}\n`;
}

export function rowLine(table: TableInfo, row: TableRow): string {
  return `${JSON.stringify({ t: table.name, r: table.columns.map((c) => encodeValue(row[c])) })}\n`;
}

export function trailerLine(rows: Record<string, number>): string {
  return `${JSON.stringify({ end: true, rows })}\n`;
}

/**
 * Reads a line after the header, or says what is wrong with it in words that quote none
 * of it (a backup holds people's work and password hashes; an error message may be logged).
 */
export function parseLine(text: string): BackupLine | { kind: 'invalid'; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'invalid', reason: 'is not JSON' };
  }
  const row = rowLineSchema.safeParse(parsed);
  if (row.success) return { kind: 'row', table: row.data.t, values: row.data.r };
  const trailer = trailerSchema.safeParse(parsed);
  if (trailer.success) return { kind: 'end', rows: trailer.data.rows };
  return { kind: 'invalid', reason: 'is neither a row ({"t":…,"r":[…]}) nor the closing line ({"end":true,…})' };
}

/** What a database takes for a value of a row line. */
export function decodeValue(value: BackupValue): unknown {
  return value !== null && typeof value === 'object' ? Buffer.from(value.base64, 'base64') : value;
}

function encodeValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { base64: Buffer.from(value).toString('base64') };
  if (value === undefined) return null;
  return value;
}
