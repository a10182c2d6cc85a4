import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { AnnotationPayload } from '../../../shared/annotation/payload';
import type { GoldChoice, GoldDecision } from '../../../shared/domain/gold';
import { storedPayloadSchema } from '../../../shared/domain/stored/annotation-payload';
import { withCurrentTagNames } from '../../../shared/domain/taxonomy';
import { dialectOf } from '../dialect';
import type { Database } from '../schema';
import { readStoredJson } from '../stored-json';
import { tagNamesNow } from './project';

export interface DecisionWrite {
  sampleId: number;
  choice: GoldChoice;
  sourceLabelerId: number | null;
  payload: AnnotationPayload;
  decidedBy: number | null;
  at: number;
  reason: string;
  guidelineRule: string | null;
  guidelineVersionId: number;
}

/**
 * Keeps, in a query over decisions under `alias`, only each sample's newest revision: the
 * decision in force (earlier revisions are kept as history).
 */
export function isCurrentDecision(db: Kysely<Database>, alias: string): RawBuilder<SqlBool> {
  const newest = db
    .selectFrom('gold_decision as later')
    .select((eb) => eb.fn.max('later.revision').as('r'))
    .where('later.sample_id', '=', sql.ref<number>(`${alias}.sample_id`));
  return sql<SqlBool>`${sql.ref(`${alias}.revision`)} = (${newest})`;
}

/** Adds a decision as the sample's next revision (run inside the caller's transaction). */
export async function addDecision(db: Kysely<Database>, write: DecisionWrite): Promise<void> {
  const latest = await latestRevision(db, write.sampleId);
  await db
    .insertInto('gold_decision')
    .values({
      sample_id: write.sampleId,
      revision: (latest ?? 0) + 1,
      choice: write.choice,
      source_labeler_id: write.sourceLabelerId,
      payload_json: JSON.stringify(write.payload),
      decided_by: write.decidedBy,
      decided_at: write.at,
      reason: write.reason,
      guideline_rule: write.guidelineRule,
      guideline_version_id: write.guidelineVersionId,
    })
    .execute();
}

export async function latestRevision(db: Kysely<Database>, sampleId: number): Promise<number | null> {
  const row = await db
    .selectFrom('gold_decision')
    .select((eb) => eb.fn.max('revision').as('revision'))
    .where('sample_id', '=', sampleId)
    .executeTakeFirst();
  return row?.revision ?? null;
}

/**
 * The sample's latest decision revision, read for a decision that depends on it: inside a
 * transaction the sample's row stays locked until it ends, so a decision made meanwhile on
 * another connection waits and then sees this one. (No key update: annotations and other
 * rows that refer to the sample are not held up by it.)
 */
export async function decisionRevisionForWrite(trx: Kysely<Database>, sampleId: number): Promise<number | null> {
  if (dialectOf(trx).locksRows) await trx.selectFrom('sample').select('id').where('id', '=', sampleId).forNoKeyUpdate().execute();
  return latestRevision(trx, sampleId);
}

/** Every decision on a sample, newest first. */
export async function decisionHistory(db: Kysely<Database>, sampleId: number): Promise<GoldDecision[]> {
  const rows = await decisions(db).where('gold_decision.sample_id', '=', sampleId).orderBy('gold_decision.revision', 'desc').execute();
  const currentName = await tagNamesNow(db);
  return rows.map((row) => toDecision(row, currentName));
}

/** The latest decision's revision and choice for every decided sample. */
export async function currentDecisions(db: Kysely<Database>): Promise<Map<number, Pick<GoldDecision, 'revision' | 'choice'>>> {
  const rows = await db.selectFrom('gold_decision as d').select(['d.sample_id', 'd.revision', 'd.choice']).where(isCurrentDecision(db, 'd')).execute();
  return new Map(rows.map((row) => [row.sample_id, { revision: row.revision, choice: row.choice }]));
}

function decisions(db: Kysely<Database>) {
  return db
    .selectFrom('gold_decision')
    .innerJoin('guideline_version', 'guideline_version.id', 'gold_decision.guideline_version_id')
    .select([
      'gold_decision.id',
      'gold_decision.sample_id',
      'gold_decision.revision',
      'gold_decision.choice',
      'gold_decision.source_labeler_id',
      'gold_decision.payload_json',
      'gold_decision.decided_by',
      'gold_decision.decided_at',
      'gold_decision.reason',
      'gold_decision.guideline_rule',
      'guideline_version.version',
    ]);
}

type DecisionRow = Awaited<ReturnType<ReturnType<typeof decisions>['execute']>>[number];

/**
 * A gold label is what datasets and agreement are built on: a damaged one fails the read
 * rather than quietly dropping out of them. Its tags read under their names now, as labelers' do.
 */
function decisionPayload(row: Pick<DecisionRow, 'id' | 'payload_json'>, currentName: (name: string) => string): AnnotationPayload {
  return withCurrentTagNames(
    readStoredJson(storedPayloadSchema, row.payload_json, { table: 'gold_decision', column: 'payload_json', row: row.id }),
    currentName,
  );
}

function toDecision(row: DecisionRow, currentName: (name: string) => string): GoldDecision {
  return {
    sampleId: row.sample_id,
    revision: row.revision,
    choice: row.choice,
    sourceLabelerId: row.source_labeler_id,
    payload: decisionPayload(row, currentName),
    decidedBy: row.decided_by,
    decidedAt: new Date(row.decided_at).toISOString(),
    reason: row.reason,
    guidelineRule: row.guideline_rule,
    guidelineVersion: row.version,
  };
}

/** An SME's unfinished gold edit of a sample. */
export async function getDraft(db: Kysely<Database>, sampleId: number): Promise<{ payload: AnnotationPayload; revision: number } | null> {
  const row = await db.selectFrom('gold_draft').select(['payload_json', 'revision']).where('sample_id', '=', sampleId).executeTakeFirst();
  if (!row) return null;
  return {
    payload: withCurrentTagNames(
      readStoredJson(storedPayloadSchema, row.payload_json, { table: 'gold_draft', column: 'payload_json', row: `sample_id ${sampleId}` }),
      await tagNamesNow(db),
    ),
    revision: row.revision,
  };
}

/**
 * Writes the draft as its next revision, only over the revision just before it: false when
 * another writer got there first. The write checks the base itself, so two servers' saves
 * at once cannot both pass a check made by an earlier read.
 */
export async function putDraft(
  db: Kysely<Database>,
  sampleId: number,
  payload: AnnotationPayload,
  revision: number,
  savedBy: number | null,
  at: number,
): Promise<boolean> {
  const result = await db
    .insertInto('gold_draft')
    .values({ sample_id: sampleId, payload_json: JSON.stringify(payload), revision, saved_by: savedBy, saved_at: at })
    .onConflict((oc) =>
      oc
        .column('sample_id')
        .doUpdateSet({ payload_json: JSON.stringify(payload), revision, saved_by: savedBy, saved_at: at })
        .where('gold_draft.revision', '=', revision - 1),
    )
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export async function deleteDraft(db: Kysely<Database>, sampleId: number): Promise<void> {
  await db.deleteFrom('gold_draft').where('sample_id', '=', sampleId).execute();
}

/** Every sample's current decision with its label and guideline version, by sample id. */
export async function currentGoldLabels(db: Kysely<Database>): Promise<Map<number, { payload: AnnotationPayload; guidelineVersion: number }>> {
  const rows = await decisions(db).where(isCurrentDecision(db, 'gold_decision')).execute();
  const currentName = await tagNamesNow(db);
  return new Map(rows.map((row) => [row.sample_id, { payload: decisionPayload(row, currentName), guidelineVersion: row.version }]));
}
