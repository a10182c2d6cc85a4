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
  /** How sure the model was, 0–1, or null when it did not say. */
  confidence: number | null;
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

/**
 * Stores one batch of a source's predictions, each with how sure the model was: `replace` (the
 * first batch) first removes every earlier prediction of the source, in the same transaction; a
 * later batch adds to it, a sample predicted again keeping the newer prediction. A model that
 * predicts a whole project sends it in batches, so no call holds all of it.
 */
export async function storePredictionBatch(
  db: Kysely<Database>,
  source: string,
  replace: boolean,
  predictions: readonly { sampleId: number; payload: AnnotationPayload; confidence: number | null }[],
  at: number,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    if (replace) await trx.deleteFrom('prediction').where('source', '=', source).execute();
    if (predictions.length === 0) return;
    const rows = predictions.map((p) => ({
      source,
      sample_id: p.sampleId,
      payload_json: JSON.stringify(p.payload),
      imported_at: at,
      confidence: p.confidence,
    }));
    await trx
      .insertInto('prediction')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['source', 'sample_id']).doUpdateSet((eb) => ({
          payload_json: eb.ref('excluded.payload_json'),
          imported_at: eb.ref('excluded.imported_at'),
          confidence: eb.ref('excluded.confidence'),
        })),
      )
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
    .select(['id', 'payload_json', 'confidence'])
    .where('source', '=', source)
    .where('sample_id', '=', sampleId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        payload: readStoredJson(storedPayloadSchema, row.payload_json, { table: 'prediction', column: 'payload_json', row: row.id }),
        confidence: row.confidence === null ? null : Number(row.confidence),
      }
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
export async function annotationArms(db: Kysely<Database>): Promise<Map<string, { sampleId: number; arm: PrelabelArm; predictionId: number }>> {
  const rows = await db
    .selectFrom('annotation')
    .select(['sample_id', 'labeler_id', 'prelabel_arm', 'prediction_id'])
    .where('prelabel_arm', 'is not', null)
    .where('prediction_id', 'is not', null)
    .execute();
  return new Map(
    rows.map((row) => [
      `${row.sample_id}:${row.labeler_id}`,
      { sampleId: row.sample_id, arm: row.prelabel_arm as PrelabelArm, predictionId: Number(row.prediction_id) },
    ]),
  );
}

export interface PredictionTargetRow {
  sampleId: number;
  fileName: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

/** Every sample a prediction may be about (or those of `ids` that exist), by the name it was imported under. */
export async function predictionTargets(db: Kysely<Database>, ids?: readonly number[]): Promise<PredictionTargetRow[]> {
  if (ids?.length === 0) return [];
  let query = db.selectFrom('sample').select(['id', 'display_name', 'width', 'height', 'duration_ms']).orderBy('id');
  if (ids) query = query.where('id', 'in', [...ids]);
  const rows = await query.execute();
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
