import { sql, type Kysely } from 'kysely';
import type { TableInfo } from './dialect/catalog';

/** A row as both engines hand it over: numbers, text, null, or bytes. */
export type TableRow = Record<string, unknown>;

/** The kept Review queue's tables (migration 23) and per-sample agreement (24): derived, never copied or backed up. */
export const REVIEW_QUEUE_TABLES = [
  'review_item',
  'review_facet',
  'review_share',
  'review_share_total',
  'review_facet_total',
  'review_stale',
  'sample_agreement',
] as const;

/**
 * The record of changes to agreement inputs (migration 26): the database's own, never copied or
 * backed up. A copy or a restore starts its own clock (with its own epoch), so a ledger kept
 * for the source is never taken for the copy.
 */
export const AGREEMENT_CHANGE_TABLES = ['agreement_clock', 'agreement_change'] as const;

/**
 * Tables that belong to one database and never travel with a project: which migrations
 * ran and the signing keys (the target has its own), and sign-in sessions, throttling and
 * waiting downloads, which are credentials and counters of the place they were made (everyone
 * signs in again on the new server). The kept Review queue is derived from the answers: the
 * copied answers mark every sample of the target stale (see migration 23), which rebuilds it.
 */
export const TABLES_NOT_COPIED: ReadonlySet<string> = new Set([
  'schema_migration',
  'signing_key',
  'session',
  'sign_in_failure',
  'dataset_download',
  ...REVIEW_QUEUE_TABLES,
  ...AGREEMENT_CHANGE_TABLES,
]);

/** Rows read per query: a page of most tables is far below a megabyte. */
const PAGE_ROWS = 500;
/** PostgreSQL takes at most 65,535 parameters in one statement; stay well below. */
const MAX_PARAMETERS = 30_000;

/**
 * The tables a copy takes, each after every table it points at, so rows can be inserted
 * one table after another with foreign keys checked as they go.
 *
 * @example
 *   copyOrder(await describeTables(db)).map((t) => t.name) // ['guideline_version', 'labeler', ..., 'annotation', ...]
 */
export function copyOrder(tables: readonly TableInfo[], leftOut: ReadonlySet<string> = TABLES_NOT_COPIED): TableInfo[] {
  const byName = new Map(tables.filter((t) => !leftOut.has(t.name)).map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: TableInfo, path: string[]) => {
    const seen = state.get(table.name);
    if (seen === 'done') return;
    if (seen === 'visiting')
      throw new Error(`The tables' foreign keys form a cycle (${[...path, table.name].join(' → ')}), so they cannot be copied in order.`);
    state.set(table.name, 'visiting');
    for (const referenced of [...table.references].sort()) {
      const target = byName.get(referenced);
      if (target) visit(target, [...path, table.name]);
    }
    state.set(table.name, 'done');
    ordered.push(table);
  };
  for (const name of [...byName.keys()].sort()) visit(byName.get(name)!, []);
  return ordered;
}

/**
 * Every row of a table, a page at a time, in primary-key order. Pages follow the key
 * (`WHERE key > last`), so each costs the same however far into the table it is; inside
 * one transaction the pages together are one consistent view of the table.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function* tableRows(db: Kysely<any>, table: TableInfo): AsyncGenerator<TableRow[]> {
  const key = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
  const columns = sql.join(table.columns.map((c) => sql.ref(c)));
  const order = sql.join(key.map((c) => sql.ref(c)));
  let after: TableRow | null = null;
  let offset = 0;
  for (;;) {
    // Without a primary key the rows may repeat, so such a table pages by position instead.
    const where: ReturnType<typeof sql> =
      after === null || table.primaryKey.length === 0 ? sql`` : sql`WHERE (${order}) > (${sql.join(key.map((c) => after![c]))})`;
    const paging = table.primaryKey.length === 0 ? sql`LIMIT ${PAGE_ROWS} OFFSET ${offset}` : sql`LIMIT ${PAGE_ROWS}`;
    const { rows } = await sql<TableRow>`SELECT ${columns} FROM ${sql.table(table.name)} ${where} ORDER BY ${order} ${paging}`.execute(db);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE_ROWS) return;
    after = rows.at(-1)!;
    offset += rows.length;
  }
}

/** Inserts rows into a table as they are (their ids included), in statements of many rows each. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function insertRows(db: Kysely<any>, table: string, rows: readonly TableRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length)));
  for (let start = 0; start < rows.length; start += perStatement) {
    await db
      .insertInto(table)
      .values(rows.slice(start, start + perStatement) as TableRow[])
      .execute();
  }
}

/** How many rows a table holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function tableRowCount(db: Kysely<any>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The copied tables that hold any row, by name: a copy goes only into a database where this is empty. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function tablesWithRows(db: Kysely<any>, tables: readonly TableInfo[]): Promise<string[]> {
  const filled: string[] = [];
  for (const table of tables) if (!TABLES_NOT_COPIED.has(table.name) && (await tableRowCount(db, table.name)) > 0) filled.push(table.name);
  return filled;
}

/**
 * Whether a database holds nothing a copy could collide with: no rows at all, or only the
 * owner account the accounts migration makes in every new database (no password, never
 * used), which the copy replaces with the project's own accounts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function holdsNoProjectData(db: Kysely<any>, tables: readonly TableInfo[]): Promise<boolean> {
  const filled = await tablesWithRows(db, tables);
  if (filled.length === 0) return true;
  if (filled.length !== 1 || filled[0] !== 'labeler') return false;
  const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM labeler WHERE NOT (is_owner = 1 AND password_hash IS NULL)`.execute(db);
  return Number(rows[0]?.n) === 0 && (await tableRowCount(db, 'labeler')) === 1;
}

/** Removes the new database's own owner account (see `holdsNoProjectData`) before a copy brings the project's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function removeNewDatabaseOwner(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM labeler WHERE is_owner = 1 AND password_hash IS NULL`.execute(db);
}

/**
 * The schema version a database is at, read without creating anything (a read-only
 * transaction may not): null when it has no migration table, so is no Concord database.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function storedSchemaVersion(db: Kysely<any>, tables: readonly TableInfo[]): Promise<number | null> {
  if (!tables.some((t) => t.name === 'schema_migration')) return null;
  const { rows } = await sql<{ version: number | null }>`SELECT max(version) AS version FROM schema_migration`.execute(db);
  return rows[0]?.version ?? 0;
}
