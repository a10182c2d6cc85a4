import { sql, type Kysely } from 'kysely';
import { dialectOf } from './index';

/** One table as the database's own catalog describes it. */
export interface TableInfo {
  name: string;
  /** Column names in their declared order. */
  columns: string[];
  /** The primary key's columns in key order; empty for a table without one. */
  primaryKey: string[];
  /** Tables this one's foreign keys point at (itself left out). */
  references: string[];
  /** Columns whose values a sequence hands out (PostgreSQL identity columns); SQLite keeps its own count. */
  identityColumns: string[];
}

/**
 * Every table of the database, read from its catalog rather than from a list in the code,
 * so that copying a project (push, backup, restore) takes along a table a later migration
 * adds without anyone remembering to list it.
 *
 * @example
 *   const tables = await describeTables(db); // [{ name: 'sample', primaryKey: ['id'], ... }, ...]
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function describeTables(db: Kysely<any>): Promise<TableInfo[]> {
  return dialectOf(db).engine === 'postgres' ? describePostgres(db) : describeSqlite(db);
}

/**
 * After rows were inserted with their own ids, the next id handed out must come after the
 * largest: PostgreSQL's identity sequences do not notice explicit ids, SQLite's AUTOINCREMENT does.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function restartIdentities(db: Kysely<any>, tables: readonly TableInfo[]): Promise<void> {
  if (dialectOf(db).engine !== 'postgres') return;
  for (const table of tables) {
    for (const column of table.identityColumns) {
      const largest = sql<number | null>`(SELECT max(${sql.ref(column)}) FROM ${sql.table(table.name)})`;
      // Empty: the next id is 1 (is_called false); else the next is one past the largest.
      await sql`SELECT setval(pg_get_serial_sequence(${quotedName(table.name)}, ${column}), coalesce(${largest}, 1), ${largest} IS NOT NULL)`.execute(db);
    }
  }
}

/** pg_get_serial_sequence reads its first argument as SQL text, so a name is quoted there as in a statement. */
function quotedName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function describeSqlite(db: Kysely<any>): Promise<TableInfo[]> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`.execute(db);
  const described: TableInfo[] = [];
  for (const { name } of tables) {
    const { rows: columns } = await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${name}) ORDER BY cid`.execute(db);
    const { rows: keys } = await sql<{ table: string }>`SELECT DISTINCT "table" AS "table" FROM pragma_foreign_key_list(${name})`.execute(db);
    described.push({
      name,
      columns: columns.map((c) => c.name),
      primaryKey: columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      references: keys.map((k) => k.table).filter((t) => t !== name),
      identityColumns: [],
    });
  }
  return described;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function describePostgres(db: Kysely<any>): Promise<TableInfo[]> {
  const { rows: columns } = await sql<{ table: string; column: string; identity: string }>`
    SELECT table_name AS "table", column_name AS "column", is_identity AS identity
    FROM information_schema.columns c
    WHERE table_schema = current_schema()
      AND EXISTS (SELECT 1 FROM information_schema.tables t
                  WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')
    ORDER BY table_name, ordinal_position`.execute(db);
  const { rows: keys } = await sql<{ table: string; column: string }>`
    SELECT rel.relname AS "table", att.attname AS "column"
    FROM pg_constraint con
    JOIN pg_class rel ON rel.oid = con.conrelid
    JOIN pg_namespace ns ON ns.oid = rel.relnamespace
    CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, position)
    JOIN pg_attribute att ON att.attrelid = rel.oid AND att.attnum = k.attnum
    WHERE con.contype = 'p' AND ns.nspname = current_schema()
    ORDER BY rel.relname, k.position`.execute(db);
  const { rows: references } = await sql<{ table: string; referenced: string }>`
    SELECT DISTINCT rel.relname AS "table", target.relname AS referenced
    FROM pg_constraint con
    JOIN pg_class rel ON rel.oid = con.conrelid
    JOIN pg_class target ON target.oid = con.confrelid
    JOIN pg_namespace ns ON ns.oid = rel.relnamespace
    WHERE con.contype = 'f' AND ns.nspname = current_schema()`.execute(db);
  const byName = new Map<string, TableInfo>();
  for (const { table, column, identity } of columns) {
    const info = byName.get(table) ?? { name: table, columns: [], primaryKey: [], references: [], identityColumns: [] };
    info.columns.push(column);
    if (identity === 'YES') info.identityColumns.push(column);
    byName.set(table, info);
  }
  for (const { table, column } of keys) byName.get(table)?.primaryKey.push(column);
  for (const { table, referenced } of references) if (referenced !== table) byName.get(table)?.references.push(referenced);
  return [...byName.values()];
}
