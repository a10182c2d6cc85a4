import { sql } from 'kysely';
import { applicationIdPragma } from '../inspect-database';
import type { AgreementChangeRule, ChangeRefusal, SqlDialect, StaleMark } from './index';

/**
 * SQLite's spelling. Its schema text is stored verbatim in every project file, so what
 * this writes must stay exactly what the migrations wrote before the dialect existed.
 */
export const sqliteDialect: SqlDialect = {
  locksRows: false,
  engine: 'sqlite',
  textPosition: (haystack, needle) => sql<number>`instr(${haystack}, ${needle})`,
  joinText: (column, separator) => sql<string | null>`group_concat(${sql.ref(column)}, ${separator})`,
  jsonField: (column, field) => {
    const path = `$."${field}"`;
    // A damaged text reads as no value instead of failing the whole query.
    const type = sql`(CASE WHEN json_valid(${sql.ref(column)}) THEN json_type(${sql.ref(column)}, ${path}) END)`;
    const value = sql`json_extract(${sql.ref(column)}, ${path})`;
    return {
      kind: sql`(CASE ${type} WHEN 'integer' THEN 'number' WHEN 'real' THEN 'number' WHEN 'text' THEN 'text' WHEN 'true' THEN 'boolean' WHEN 'false' THEN 'boolean' END)`,
      number: sql`(CASE WHEN ${type} IN ('integer', 'real') THEN ${value} END)`,
      text: sql`(CASE ${type} WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'null' THEN NULL ELSE CAST(${value} AS TEXT) END)`,
    };
  },
  migrationTable: () => sql`CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`,
  // A write transaction begins IMMEDIATE (see waiting-driver.ts): it holds the file's write lock already.
  lockSchema: () => [],
  refuseChanges: (rule: ChangeRefusal) => {
    const when = rule.when ? `\n    when ${rule.when}` : '';
    return [sql.raw(`create trigger ${rule.name} before ${rule.event} on ${rule.table}${when}\n    begin select raise(abort, ${quoted(rule.message)}); end`)];
  },
  // A SQLite write transaction holds the whole file: a plain insert that skips a marked sample is enough.
  markStale: (rule: StaleMark) => {
    const when = rule.when ? `\n    when ${rule.when}` : '';
    return [
      sql.raw(
        `create trigger ${rule.name} after ${rule.event} on ${rule.table}${when}\n    begin insert or ignore into review_stale (sample_id) ${rule.samples}; end`,
      ),
    ];
  },
  // One writer at a time: the clock's count, taken in the writing transaction, orders changes as they commit.
  recordAgreementChange: (rule: AgreementChangeRule) => {
    const when = rule.when ? `\n    when ${rule.when}` : '';
    const record =
      rule.samples === null
        ? 'update agreement_clock set reset_change = seq;'
        : `insert into agreement_change (sample_id, change_id) select s.sample_id, c.seq from (${rule.samples}) s, agreement_clock c where true
        on conflict (sample_id) do update set change_id = excluded.change_id;`;
    return [
      sql.raw(`create trigger ${rule.name} after ${rule.event} on ${rule.table}${when}\n    begin update agreement_clock set seq = seq + 1; ${record} end`),
    ];
  },
  changePosition: () => sql<string>`(select cast(seq as text) from agreement_clock)`,
  changedAfter: (column, position) => sql<boolean>`${sql.ref(column)} > ${Number(position)}`,
  isChangePosition: (text) => /^\d{1,15}$/.test(text),
  markAsConcord: () => [sql.raw(applicationIdPragma())],
};

function quoted(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
