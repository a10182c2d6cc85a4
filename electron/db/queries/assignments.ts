import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../schema';
import { readStoredJson } from '../stored-json';

/** The plan's calibration samples, by id (`assignment_plan.calibration_json`). */
const calibrationSchema = z.array(z.number().int().positive());

export interface PairRow {
  sampleId: number;
  labelerId: number;
}

export interface PlanSettings {
  overlap: number;
  calibration: number[];
  seed: number;
  plannedAt: number;
}

export async function getPlanSettings(db: Kysely<Database>): Promise<PlanSettings | null> {
  const row = await db.selectFrom('assignment_plan').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return null;
  // Without its calibration samples the plan cannot be remade faithfully: a damaged value fails the call.
  const calibration = readStoredJson(calibrationSchema, row.calibration_json, { table: 'assignment_plan', column: 'calibration_json', row: row.id });
  return { overlap: row.overlap, calibration, seed: row.seed, plannedAt: row.planned_at };
}

export async function savePlanSettings(db: Kysely<Database>, settings: PlanSettings): Promise<void> {
  const values = {
    id: 1,
    overlap: settings.overlap,
    calibration_json: JSON.stringify(settings.calibration),
    seed: settings.seed,
    planned_at: settings.plannedAt,
  };
  await db
    .insertInto('assignment_plan')
    .values(values)
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export async function listAssignments(db: Kysely<Database>): Promise<PairRow[]> {
  return db.selectFrom('assignment').select(['sample_id as sampleId', 'labeler_id as labelerId']).orderBy('sample_id').orderBy('labeler_id').execute();
}

/** Samples a labeler has started (a draft or a submission): that work is never moved to someone else. */
export async function startedPairs(db: Kysely<Database>): Promise<PairRow[]> {
  return db.selectFrom('annotation').select(['sample_id as sampleId', 'labeler_id as labelerId']).execute();
}

/** Applies the difference between two plans, in the caller's transaction. */
export async function applyAssignmentChanges(db: Kysely<Database>, added: readonly PairRow[], removed: readonly PairRow[], at: number): Promise<void> {
  for (const pair of removed) {
    await db.deleteFrom('assignment').where('sample_id', '=', pair.sampleId).where('labeler_id', '=', pair.labelerId).execute();
  }
  for (let i = 0; i < added.length; i += 500) {
    await db
      .insertInto('assignment')
      .values(added.slice(i, i + 500).map((p) => ({ sample_id: p.sampleId, labeler_id: p.labelerId, assigned_at: at })))
      .execute();
  }
}
