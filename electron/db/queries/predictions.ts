import type { Kysely } from 'kysely';
import type { AnnotationPayload } from '../../../shared/annotation/payload';
import type { PrelabelArm } from '../../../shared/domain/prelabel';
import { storedPayloadSchema } from '../../../shared/domain/stored/annotation-payload';
import type { Database } from '../schema';
import { readStoredJson } from '../stored-json';
import { inTransaction } from '../transaction';

export interface StoredPrediction {
  id: number;
  payload: AnnotationPayload;
}

export interface PredictionSourceRow {
  source: string;
  samples: number;
  importedAt: number;
}

export interface PrelabelPlanRow {
  source: string;
  blindShare: number;
  seed: number;
  setAt: number;
}

/** Replaces every prediction of `source` by these, in one transaction: a source is always one import whole. */
export async function replacePredictions(
  db: Kysely<Database>,
  source: string,
  predictions: readonly { sampleId: number; payload: AnnotationPayload }[],
  at: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('prediction').where('source', '=', source).execute();
    for (const prediction of predictions)
      await trx
        .insertInto('prediction')
        .values({ source, sample_id: prediction.sampleId, payload_json: JSON.stringify(prediction.payload), imported_at: at })
        .execute();
  });
}

export async function predictionSources(db: Kysely<Database>): Promise<PredictionSourceRow[]> {
  const rows = await db
    .selectFrom('prediction')
    .select((eb) => ['source', eb.fn.countAll<number>().as('samples'), eb.fn.max('imported_at').as('importedAt')])
    .groupBy('source')
    .orderBy('source')
    .execute();
  return rows.map((row) => ({ source: row.source, samples: Number(row.samples), importedAt: Number(row.importedAt) }));
}

/** The prediction of `source` for one sample, or null when the model said nothing about it. */
export async function predictionFor(db: Kysely<Database>, source: string, sampleId: number): Promise<StoredPrediction | null> {
  const row = await db
    .selectFrom('prediction')
    .select(['id', 'payload_json'])
    .where('source', '=', source)
    .where('sample_id', '=', sampleId)
    .executeTakeFirst();
  return row
    ? { id: row.id, payload: readStoredJson(storedPayloadSchema, row.payload_json, { table: 'prediction', column: 'payload_json', row: row.id }) }
    : null;
}

/** The predictions annotations recorded starting from (or being kept blind to), by prediction id. */
export async function predictionsOfAnnotations(db: Kysely<Database>): Promise<Map<number, AnnotationPayload>> {
  const rows = await db
    .selectFrom('prediction')
    .select(['id', 'payload_json'])
    .where('id', 'in', (eb) => eb.selectFrom('annotation').select('prediction_id').where('prediction_id', 'is not', null).$castTo<number>())
    .execute();
  return new Map(
    rows.map((row) => [row.id, readStoredJson(storedPayloadSchema, row.payload_json, { table: 'prediction', column: 'payload_json', row: row.id })]),
  );
}

export async function getPrelabelPlan(db: Kysely<Database>): Promise<PrelabelPlanRow | null> {
  const row = await db.selectFrom('prelabel_plan').selectAll().where('id', '=', 1).executeTakeFirst();
  return row ? { source: row.source, blindShare: Number(row.blind_share), seed: Number(row.seed), setAt: Number(row.set_at) } : null;
}

/** Sets the plan, or (null) turns pre-labels off. */
export async function savePrelabelPlan(db: Kysely<Database>, plan: PrelabelPlanRow | null): Promise<void> {
  if (!plan) {
    await db.deleteFrom('prelabel_plan').execute();
    return;
  }
  const values = { id: 1, source: plan.source, blind_share: plan.blindShare, seed: plan.seed, set_at: plan.setAt };
  await db
    .insertInto('prelabel_plan')
    .values(values)
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** The SME's choice for one assignment: true offer pre-labels, false keep it blind, null the plan decides. */
export async function prelabelOverride(db: Kysely<Database>, sampleId: number, labelerId: number): Promise<boolean | null> {
  const row = await db.selectFrom('prelabel_override').select('offer').where('sample_id', '=', sampleId).where('labeler_id', '=', labelerId).executeTakeFirst();
  return row ? Number(row.offer) === 1 : null;
}

/** Sets (true, false) or clears (null) the choice for one assignment. */
export async function savePrelabelOverride(db: Kysely<Database>, sampleId: number, labelerId: number, offer: boolean | null, at: number): Promise<void> {
  if (offer === null) {
    await db.deleteFrom('prelabel_override').where('sample_id', '=', sampleId).where('labeler_id', '=', labelerId).execute();
    return;
  }
  const values = { sample_id: sampleId, labeler_id: labelerId, offer: offer ? 1 : 0, set_at: at };
  await db
    .insertInto('prelabel_override')
    .values(values)
    .onConflict((oc) => oc.columns(['sample_id', 'labeler_id']).doUpdateSet({ offer: values.offer, set_at: at }))
    .execute();
}

/** The recorded arm and prediction of every annotation that has them, keyed `sampleId:labelerId`. */
export async function annotationArms(db: Kysely<Database>): Promise<Map<string, { arm: PrelabelArm; predictionId: number }>> {
  const rows = await db
    .selectFrom('annotation')
    .select(['sample_id', 'labeler_id', 'prelabel_arm', 'prediction_id'])
    .where('prelabel_arm', 'is not', null)
    .where('prediction_id', 'is not', null)
    .execute();
  return new Map(rows.map((row) => [`${row.sample_id}:${row.labeler_id}`, { arm: row.prelabel_arm as PrelabelArm, predictionId: Number(row.prediction_id) }]));
}

export interface PredictionTargetRow {
  sampleId: number;
  fileName: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

/** Every sample a prediction may be about, by the name it was imported under. */
export async function predictionTargets(db: Kysely<Database>): Promise<PredictionTargetRow[]> {
  const rows = await db.selectFrom('sample').select(['id', 'display_name', 'width', 'height', 'duration_ms']).orderBy('id').execute();
  return rows.map((row) => ({ sampleId: row.id, fileName: row.display_name, width: row.width, height: row.height, durationMs: row.duration_ms }));
}

export interface SampleAssigneeRow {
  labelerId: number;
  name: string;
  /** The SME's choice for the assignment: true offer, false blind, null the plan decides. */
  offer: boolean | null;
  /** The arm recorded with the labeler's first save, if they have saved. */
  recordedArm: PrelabelArm | null;
}

/**
 * Who labels a sample, by name, with the SME's choice and the recorded arm of each: its assigned
 * labelers, or (`everyLabeler`, before an assignment plan exists, when every labeler gets every
 * sample) every labeler; and anyone who has saved an answer on it.
 */
export async function sampleAssignees(db: Kysely<Database>, sampleId: number, everyLabeler: boolean): Promise<SampleAssigneeRow[]> {
  const rows = await db
    .selectFrom('labeler')
    .leftJoin('prelabel_override', (join) => join.onRef('prelabel_override.labeler_id', '=', 'labeler.id').on('prelabel_override.sample_id', '=', sampleId))
    .leftJoin('annotation', (join) => join.onRef('annotation.labeler_id', '=', 'labeler.id').on('annotation.sample_id', '=', sampleId))
    .select(['labeler.id as labelerId', 'labeler.name as name', 'prelabel_override.offer as offer', 'annotation.prelabel_arm as recordedArm'])
    .where(({ eb, or, exists, selectFrom }) =>
      or([
        eb('annotation.id', 'is not', null),
        everyLabeler
          ? eb('labeler.role', '=', 'labeler')
          : exists(
              selectFrom('assignment')
                .select('assignment.sample_id')
                .whereRef('assignment.labeler_id', '=', 'labeler.id')
                .where('assignment.sample_id', '=', sampleId),
            ),
      ]),
    )
    .orderBy('labeler.name')
    .orderBy('labeler.id')
    .execute();
  return rows.map((row) => ({
    labelerId: row.labelerId,
    name: row.name,
    offer: row.offer === null ? null : Number(row.offer) === 1,
    recordedArm: (row.recordedArm as PrelabelArm | null) ?? null,
  }));
}
