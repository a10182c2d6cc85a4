import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AnnotationPayload } from '../../../shared/annotation/payload';
import type { GoldCheckSettings } from '../../../shared/domain/gold-checks';
import { storedPayloadSchema } from '../../../shared/domain/stored/annotation-payload';
import { withCurrentTagNames } from '../../../shared/domain/taxonomy';
import type { Database } from '../schema';
import { isCurrentDecision } from './gold';
import { tagNamesNow } from './project';
import { readStoredJson } from '../stored-json';

const BASIS_POINTS = 10_000;
const toBp = (share: number) => Math.round(share * BASIS_POINTS);
const fromBp = (bp: number) => bp / BASIS_POINTS;

/** The check settings with when the qualification was set (for telling new labelers from old). */
export interface StoredCheckSettings extends GoldCheckSettings {
  qualificationSince: { at: number; version: number } | null;
}

const NO_CHECKS: StoredCheckSettings = { rate: 0, feedback: false, qualification: null, qualificationSince: null };

export async function getCheckSettings(db: Kysely<Database>): Promise<StoredCheckSettings> {
  const row = await db.selectFrom('gold_check_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return NO_CHECKS;
  return {
    rate: fromBp(row.rate_bp),
    feedback: row.feedback === 1,
    qualification:
      row.qualification_threshold_bp === null
        ? null
        : { threshold: fromBp(row.qualification_threshold_bp), requalifyOnNewVersion: row.requalify_on_new_version === 1 },
    qualificationSince:
      row.qualification_since === null || row.qualification_since_version === null
        ? null
        : { at: row.qualification_since, version: row.qualification_since_version },
  };
}

export async function saveCheckSettings(db: Kysely<Database>, settings: StoredCheckSettings): Promise<void> {
  const values = {
    id: 1,
    rate_bp: toBp(settings.rate),
    feedback: settings.feedback ? (1 as const) : (0 as const),
    qualification_threshold_bp: settings.qualification ? toBp(settings.qualification.threshold) : null,
    requalify_on_new_version: settings.qualification?.requalifyOnNewVersion ? (1 as const) : (0 as const),
    qualification_since: settings.qualificationSince?.at ?? null,
    qualification_since_version: settings.qualificationSince?.version ?? null,
  };
  await db
    .insertInto('gold_check_settings')
    .values(values)
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** Marks samples as checks (or changes whether they are in the qualification set). */
export async function markChecks(db: Kysely<Database>, sampleIds: readonly number[], qualification: boolean, by: number | null, at: number): Promise<void> {
  for (const sampleId of sampleIds) {
    await db
      .insertInto('gold_check')
      .values({ sample_id: sampleId, qualification: qualification ? 1 : 0, marked_by: by, marked_at: at })
      .onConflict((oc) => oc.column('sample_id').doUpdateSet({ qualification: qualification ? 1 : 0 }))
      .execute();
  }
}

/** Unmarks checks; those already served but not started leave the labelers' queues too. */
export async function unmarkChecks(db: Kysely<Database>, sampleIds: readonly number[]): Promise<void> {
  if (sampleIds.length === 0) return;
  await db.deleteFrom('gold_check').where('sample_id', 'in', sampleIds).execute();
}

export interface CheckRow {
  sampleId: number;
  displayName: string;
  qualification: boolean;
  /** The sample's current decision. */
  decidedUnder: number;
  rule: string | null;
  payload: AnnotationPayload;
}

/** Every check with its sample's current decision, by sample id. */
export async function listChecks(db: Kysely<Database>): Promise<CheckRow[]> {
  const rows = await db
    .selectFrom('gold_check as c')
    .innerJoin('sample as s', 's.id', 'c.sample_id')
    .innerJoin('gold_decision as d', 'd.sample_id', 'c.sample_id')
    .innerJoin('guideline_version as g', 'g.id', 'd.guideline_version_id')
    .select(['c.sample_id', 's.display_name', 'c.qualification', 'd.id as decision_id', 'd.payload_json', 'd.guideline_rule', 'g.version'])
    .where(isCurrentDecision(db, 'd'))
    .orderBy('c.sample_id')
    .execute();
  const currentName = await tagNamesNow(db);
  return rows.map((row) => ({
    sampleId: row.sample_id,
    displayName: row.display_name,
    qualification: row.qualification === 1,
    decidedUnder: row.version,
    rule: row.guideline_rule,
    // A check judges people: a damaged gold label fails the read rather than scoring anyone against it.
    // Its tags under their names now, as the answers it is compared with read them.
    payload: withCurrentTagNames(
      readStoredJson(storedPayloadSchema, row.payload_json, { table: 'gold_decision', column: 'payload_json', row: row.decision_id }),
      currentName,
    ),
  }));
}

/** Which of these samples have a decision. */
export async function decidedAmong(db: Kysely<Database>, sampleIds: readonly number[]): Promise<Set<number>> {
  if (sampleIds.length === 0) return new Set();
  const rows = await db.selectFrom('gold_decision').select('sample_id').distinct().where('sample_id', 'in', sampleIds).execute();
  return new Set(rows.map((row) => row.sample_id));
}

/** Every published guideline's text, oldest first. */
export async function guidelineTexts(db: Kysely<Database>): Promise<{ version: number; bodyMd: string }[]> {
  const rows = await db.selectFrom('guideline_version').select(['version', 'body_md']).orderBy('version').execute();
  return rows.map((row) => ({ version: row.version, bodyMd: row.body_md }));
}

export interface ServedRow {
  sampleId: number;
  labelerId: number;
  purpose: 'check' | 'qualification';
  servedAt: number;
}

/** Checks served (to one labeler, or to everyone). */
export async function servedChecks(db: Kysely<Database>, labelerId?: number): Promise<ServedRow[]> {
  const rows = await db
    .selectFrom('gold_check_served')
    .selectAll()
    .$if(labelerId !== undefined, (query) => query.where('labeler_id', '=', labelerId!))
    .orderBy('labeler_id')
    .orderBy('sample_id')
    .execute();
  return rows.map((row) => ({ sampleId: row.sample_id, labelerId: row.labeler_id, purpose: row.purpose, servedAt: row.served_at }));
}

/** Serves checks to a labeler (a sample already served keeps its row, its purpose updated). */
export async function serveChecks(
  db: Kysely<Database>,
  labelerId: number,
  sampleIds: readonly number[],
  purpose: 'check' | 'qualification',
  at: number,
): Promise<void> {
  for (const sampleId of sampleIds) {
    await db
      .insertInto('gold_check_served')
      .values({ sample_id: sampleId, labeler_id: labelerId, purpose, served_at: at })
      .onConflict((oc) => oc.columns(['sample_id', 'labeler_id']).doUpdateSet({ purpose }))
      .execute();
  }
}

/** Takes back checks a labeler was served and has not started (retired or unmarked since). */
export async function withdrawUnstarted(db: Kysely<Database>, labelerId: number, sampleIds: readonly number[]): Promise<void> {
  if (sampleIds.length === 0) return;
  await db
    .deleteFrom('gold_check_served')
    .where('labeler_id', '=', labelerId)
    .where('sample_id', 'in', sampleIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('annotation')
            .select('annotation.id')
            .whereRef('annotation.sample_id', '=', 'gold_check_served.sample_id')
            .whereRef('annotation.labeler_id', '=', 'gold_check_served.labeler_id'),
        ),
      ),
    )
    .execute();
}

/** Bound parameters per statement: SQLite caps them, and chunks keep any number of checks within it. */
const IDS_PER_STATEMENT = 500;

/**
 * Which of these samples a labeler has started (a draft or a submission). Only the samples
 * asked about are read (the checks, a qualification set), never the labeler's whole history:
 * a labeler with 100,000 answers costs what one with ten does.
 */
export function startedAmong(db: Kysely<Database>, labelerId: number, sampleIds: readonly number[]): Promise<Set<number>> {
  return labelerRowsAmong(db, 'annotation', labelerId, sampleIds);
}

/** Which of these samples the plan assigned to a labeler (only those are read, as in `startedAmong`). */
export function assignedAmong(db: Kysely<Database>, labelerId: number, sampleIds: readonly number[]): Promise<Set<number>> {
  return labelerRowsAmong(db, 'assignment', labelerId, sampleIds);
}

/** The samples among `sampleIds` that `table` holds a row of for this labeler, a chunk of ids per statement. */
async function labelerRowsAmong(
  db: Kysely<Database>,
  table: 'annotation' | 'assignment',
  labelerId: number,
  sampleIds: readonly number[],
): Promise<Set<number>> {
  const found = new Set<number>();
  for (let start = 0; start < sampleIds.length; start += IDS_PER_STATEMENT) {
    const rows = await db
      .selectFrom(table)
      .select('sample_id')
      .where('labeler_id', '=', labelerId)
      .where('sample_id', 'in', sampleIds.slice(start, start + IDS_PER_STATEMENT))
      .execute();
    for (const row of rows) found.add(row.sample_id);
  }
  return found;
}

/** How many samples the plan assigned to a labeler, counted on the labeler's assignment index. */
export async function assignedCount(db: Kysely<Database>, labelerId: number): Promise<number> {
  const row = await db
    .selectFrom('assignment')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('labeler_id', '=', labelerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether a labeler submitted any answer before `at`, outside the samples given (their qualification set). */
export async function submittedBefore(db: Kysely<Database>, labelerId: number, at: number, except: readonly number[]): Promise<boolean> {
  const row = await db
    .selectFrom('annotation_revision as r')
    .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
    .select('r.id')
    .where('a.labeler_id', '=', labelerId)
    .where('r.status', '=', 'submitted')
    .where('r.saved_at', '<', at)
    .$if(except.length > 0, (query) => query.where('a.sample_id', 'not in', except))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Sends a labeler's submitted answers of these samples back to drafts, to be answered again. */
export async function reopenAnswers(db: Kysely<Database>, labelerId: number, sampleIds: readonly number[]): Promise<void> {
  if (sampleIds.length === 0) return;
  await db.updateTable('annotation').set({ status: 'draft' }).where('labeler_id', '=', labelerId).where('sample_id', 'in', sampleIds).execute();
}

const sampleIdsSchema = z.array(z.number().int().positive());

export interface AttemptRow {
  id: number;
  labelerId: number;
  guidelineVersion: number;
  sampleIds: number[];
  startedAt: number;
  finishedAt: number | null;
  score: number | null;
  passed: boolean | null;
}

/** A labeler's qualification attempts, oldest first (or everyone's). */
export async function qualificationAttempts(db: Kysely<Database>, labelerId?: number): Promise<AttemptRow[]> {
  const rows = await db
    .selectFrom('qualification_attempt')
    .selectAll()
    .$if(labelerId !== undefined, (query) => query.where('labeler_id', '=', labelerId!))
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    labelerId: row.labeler_id,
    guidelineVersion: row.guideline_version,
    sampleIds: readStoredJson(sampleIdsSchema, row.sample_ids_json, { table: 'qualification_attempt', column: 'sample_ids_json', row: row.id }),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    score: row.score_bp === null ? null : fromBp(row.score_bp),
    passed: row.passed === null ? null : row.passed === 1,
  }));
}

export async function startAttempt(db: Kysely<Database>, labelerId: number, guidelineVersion: number, sampleIds: readonly number[], at: number): Promise<void> {
  await db
    .insertInto('qualification_attempt')
    .values({ labeler_id: labelerId, guideline_version: guidelineVersion, sample_ids_json: JSON.stringify(sampleIds), started_at: at })
    .execute();
}

/** Records an attempt's result, once: false when it was already finished. */
export async function finishAttempt(db: Kysely<Database>, id: number, score: number | null, passed: boolean, at: number): Promise<boolean> {
  const result = await db
    .updateTable('qualification_attempt')
    .set({ finished_at: at, score_bp: score === null ? null : toBp(score), passed: passed ? 1 : 0 })
    .where('id', '=', id)
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
