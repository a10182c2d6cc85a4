import { PostgresAdapter, type Expression, type Kysely, type RawBuilder } from 'kysely';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

/** A rule the database itself enforces: rows of `table` refuse `event` (when `when` holds of the old row). */
export interface ChangeRefusal {
  name: string;
  table: string;
  event: 'update' | 'delete';
  /** A condition on `old`, e.g. `old.guideline_version_id is not null`. */
  when?: string;
  message: string;
}

/**
 * A rule that marks samples whose review queue entry a change makes stale: after `event` on rows
 * of `table` (when `when` holds), the sample ids `samples` selects (a SELECT over `new`/`old`,
 * without duplicates) are put in `review_stale`, in the same transaction as the change.
 */
export interface StaleMark {
  name: string;
  table: string;
  event: 'insert' | 'update' | 'delete';
  /** A condition on `new`/`old`, e.g. `new.status = 'submitted'`. */
  when?: string;
  /** e.g. `select new.sample_id` or `select sample_id from annotation where id = new.annotation_id`. */
  samples: string;
}

/**
 * A rule that records, for the agreement ledger kept between sessions (migration 26), which
 * samples' agreement inputs a change touches: after `event` on rows of `table` (when `when`
 * holds), each sample `samples` selects gets the change's number in `agreement_change`, in the
 * same transaction. With `samples` null the change touches every sample's inputs (a tag renamed):
 * the number goes to `agreement_clock.reset_change` instead.
 */
export interface AgreementChangeRule {
  name: string;
  table: string;
  event: 'insert' | 'update' | 'delete';
  when?: string;
  samples: string | null;
}

/**
 * The SQL that only one engine understands. Queries and migrations are written once in
 * Kysely; where SQLite and PostgreSQL differ, they ask the dialect of the handle they were
 * given instead of spelling one engine's SQL.
 */
export interface SqlDialect {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Whether a read that a write depends on must lock its rows (`SELECT ... FOR UPDATE`). A
   * SQLite write transaction holds the whole file from its start; PostgreSQL's hold only
   * what they lock, so a check read without a lock may be stale by the time the write lands.
   */
  readonly locksRows: boolean;
  /** 1-based position of `needle` in `haystack`, 0 when absent; matched literally (unlike LIKE, `%` and `_` are plain text). */
  textPosition(haystack: Expression<string>, needle: string): RawBuilder<number>;
  /** An aggregate: the group's values of `column` joined by `separator`, null for an empty group (order unspecified). */
  joinText(column: string, separator: string): RawBuilder<string | null>;
  /**
   * One field of a JSON object kept as text in `column`: its kind ('number', 'text', 'boolean';
   * null when absent or null), its value as a number (numbers only) and as text (numbers and
   * booleans as written). `field` must hold no quote or backslash (see `metadataFieldSchema`).
   */
  jsonField(column: string, field: string): JsonFieldExpressions;
  /** Creates the table of applied migrations when missing (safely when two processes do it at once). */
  migrationTable(): RawBuilder<unknown>;
  /** Statements that, inside a write transaction, keep any other migrating process out until it ends. */
  lockSchema(): RawBuilder<unknown>[];
  /** Statements that make the database refuse a change, whoever connects to it. */
  refuseChanges(rule: ChangeRefusal): RawBuilder<unknown>[];
  /** Statements that make the database mark samples stale for the review queue on a change, whoever connects to it. */
  markStale(rule: StaleMark): RawBuilder<unknown>[];
  /** Statements that make the database record the samples a change touches, for the kept agreement ledger (see {@link AgreementChangeRule}). */
  recordAgreementChange(rule: AgreementChangeRule): RawBuilder<unknown>[];
  /**
   * Where the database's changes stand now, as text: every change committed later compares as
   * after it in {@link changedAfter}, every one committed before as not. SQLite: the clock's
   * count (one writer at a time commits in count order); PostgreSQL: the current snapshot
   * (numbers from a sequence are not committed in order; a snapshot says which were).
   */
  changePosition(): RawBuilder<string>;
  /** Whether the change numbered `column` was committed after `position` (one {@link changePosition} gave, checked by {@link isChangePosition}). */
  changedAfter(column: string, position: string): RawBuilder<boolean>;
  /** Whether `text` is a position {@link changePosition} could have given (a kept file's is untrusted). */
  isChangePosition(text: string): boolean;
  /** Statements that mark the database as Concord's own (SQLite's file header); none where the database is not a file. */
  markAsConcord(): RawBuilder<unknown>[];
}

/** What {@link SqlDialect.jsonField} reads of one field. */
export interface JsonFieldExpressions {
  kind: RawBuilder<'number' | 'text' | 'boolean' | null>;
  number: RawBuilder<number | null>;
  text: RawBuilder<string | null>;
}

/**
 * The dialect of a database handle (or of a transaction on one).
 *
 * @example
 *   q.where((eb) => eb(dialectOf(db).textPosition(eb.fn('lower', ['name']), text), '>', 0));
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function dialectOf(db: Kysely<any>): SqlDialect {
  // The adapter is the one part of a Kysely handle that says which engine is behind it.
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresDialect : sqliteDialect;
}

export { isUniqueViolation } from './errors';
