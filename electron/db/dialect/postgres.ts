import { sql } from 'kysely';
import type { AgreementChangeRule, ChangeRefusal, SqlDialect, StaleMark } from './index';

/** The advisory lock migrations take, so one process at a time changes the schema ("Conc" in ASCII). */
const SCHEMA_LOCK_KEY = 0x436f6e63;

/**
 * PostgreSQL's spelling of what SQLite says its own way. Column types are translated
 * separately, for every schema statement (see `postgres-schema.ts`).
 */
export const postgresDialect: SqlDialect = {
  locksRows: true,
  engine: 'postgres',
  textPosition: (haystack, needle) => sql<number>`strpos(${haystack}, ${needle})`,
  joinText: (column, separator) => sql<string | null>`string_agg(${sql.ref(column)}, ${separator})`,
  // Text that is not JSON fails the cast, and with it this one query (PostgreSQL 15 cannot test
  // JSON text without a function of our own); SQLite's json_valid reads it as no value.
  jsonField: (column, field) => {
    const value = sql`(${sql.ref(column)}::jsonb -> ${field})`;
    const type = sql`jsonb_typeof(${value})`;
    return {
      kind: sql`(CASE ${type} WHEN 'number' THEN 'number' WHEN 'string' THEN 'text' WHEN 'boolean' THEN 'boolean' END)`,
      number: sql`(CASE WHEN ${type} = 'number' THEN (${value} #>> '{}')::float8 END)`,
      text: sql`(CASE WHEN ${type} = 'null' THEN NULL ELSE ${value} #>> '{}' END)`,
    };
  },
  // Two servers creating it at once would collide in the catalog despite IF NOT EXISTS: one waits for the other.
  migrationTable: () =>
    sql`DO $$ BEGIN
      PERFORM pg_advisory_xact_lock(${sql.lit(SCHEMA_LOCK_KEY)});
      CREATE TABLE IF NOT EXISTS schema_migration (version bigint PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL);
    END $$`,
  lockSchema: () => [sql`SELECT pg_advisory_xact_lock(${sql.lit(SCHEMA_LOCK_KEY)})`],
  refuseChanges: (rule: ChangeRefusal) => [
    // One trigger function for every rule; each trigger passes its own message.
    sql`create or replace function concord_refuse_change() returns trigger language plpgsql as $$
      begin raise exception '%', tg_argv[0]; end $$`,
    sql.raw(
      `create trigger ${rule.name} before ${rule.event} on ${rule.table} for each row${rule.when ? ` when (${rule.when})` : ''}
      execute function concord_refuse_change(${quoted(rule.message)})`,
    ),
  ],
  markStale: (rule: StaleMark) => [
    // DO UPDATE rather than DO NOTHING: it waits for a queue refresh holding the mark (FOR UPDATE)
    // and then marks again, so a change committed during a refresh is never taken as seen.
    sql.raw(`create or replace function ${rule.name}() returns trigger language plpgsql as $$
      begin
        insert into review_stale (sample_id) ${rule.samples}
          on conflict (sample_id) do update set sample_id = excluded.sample_id;
        return null;
      end $$`),
    sql.raw(
      `create trigger ${rule.name} after ${rule.event} on ${rule.table} for each row${rule.when ? ` when (${rule.when})` : ''}
      execute function ${rule.name}()`,
    ),
  ],
  // The writing transaction's id: no lock shared by every writer (a counter row would serialize
  // them, and deadlock a batch holding rows another writer waits on); a reader's snapshot tells
  // which ids had committed when it was taken.
  recordAgreementChange: (rule: AgreementChangeRule) => {
    const record =
      rule.samples === null
        ? 'update agreement_clock set reset_change = pg_current_xact_id()::text::bigint;'
        : `insert into agreement_change (sample_id, change_id) select s.sample_id, pg_current_xact_id()::text::bigint from (${rule.samples}) s
          on conflict (sample_id) do update set change_id = excluded.change_id;`;
    return [
      sql.raw(`create or replace function ${rule.name}() returns trigger language plpgsql as $$
      begin
        ${record}
        return null;
      end $$`),
      sql.raw(
        `create trigger ${rule.name} after ${rule.event} on ${rule.table} for each row${rule.when ? ` when (${rule.when})` : ''}
      execute function ${rule.name}()`,
      ),
    ];
  },
  changePosition: () => sql<string>`pg_current_snapshot()::text`,
  changedAfter: (column, position) =>
    sql<boolean>`(${sql.ref(column)} >= pg_snapshot_xmin(${position}::pg_snapshot)::text::bigint and not pg_visible_in_snapshot(${sql.ref(column)}::text::xid8, ${position}::pg_snapshot))`,
  isChangePosition: isSnapshot,
  markAsConcord: () => [],
};

/**
 * Whether `text` reads as a `pg_snapshot` that PostgreSQL accepts (xmin:xmax:xip,...): 0 < xmin ≤
 * xmax, each running id within [xmin, xmax) and in order; each below 10^18, so its bigint cast
 * cannot overflow. Anything else would fail the cast and with it the query.
 */
function isSnapshot(text: string): boolean {
  const match = /^(\d{1,18}):(\d{1,18}):((?:\d{1,18})(?:,\d{1,18})*)?$/.exec(text);
  if (!match || text.length > 100_000) return false;
  const xmin = BigInt(match[1]!);
  const xmax = BigInt(match[2]!);
  if (xmin < 1n || xmin > xmax) return false;
  let last = xmin;
  for (const id of match[3]?.split(',').map(BigInt) ?? []) {
    if (id < last || id >= xmax) return false;
    last = id;
  }
  return true;
}

function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
