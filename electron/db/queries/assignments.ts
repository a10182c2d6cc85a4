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

/** Every sample id, in order: what a plan shares out. */
export async function allSampleIds(db: Kysely<Database>): Promise<number[]> {
  return (await db.selectFrom('sample').select('id').orderBy('id').execute()).map((r) => r.id);
}

/** The first samples by id: the default calibration set everyone labels. */
export async function firstSampleIds(db: Kysely<Database>, count: number): Promise<number[]> {
  return (await db.selectFrom('sample').select('id').orderBy('id').limit(count).execute()).map((r) => r.id);
}

/** Each assignment with its labeler's name and where their annotation of it stands (null: not started). */
export async function assignmentProgress(db: Kysely<Database>): Promise<Array<{ labelerId: number; name: string; status: 'draft' | 'submitted' | null }>> {
  return db
    .selectFrom('assignment')
    .innerJoin('labeler', 'labeler.id', 'assignment.labeler_id')
    .leftJoin('annotation', (join) =>
      join.onRef('annotation.sample_id', '=', 'assignment.sample_id').onRef('annotation.labeler_id', '=', 'assignment.labeler_id'),
    )
    .select(['labeler.id as labelerId', 'labeler.name as name', 'annotation.status as status'])
    .execute();
}

/** How many samples nobody is assigned (imported since the plan was made). */
export async function countUnassignedSamples(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('sample')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('assignment').select('assignment.sample_id').whereRef('assignment.sample_id', '=', 'sample.id'))))
    .executeTakeFirstOrThrow();
  return Number(row.n);
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

/** Assigns the samples to a labeler, keeping those already theirs as they are; returns how many were new. */
export async function assignSamples(db: Kysely<Database>, sampleIds: readonly number[], labelerId: number, at: number): Promise<number> {
  let added = 0;
  for (let i = 0; i < sampleIds.length; i += 500) {
    const rows = await db
      .insertInto('assignment')
      .values(sampleIds.slice(i, i + 500).map((sample_id) => ({ sample_id, labeler_id: labelerId, assigned_at: at })))
      .onConflict((oc) => oc.columns(['sample_id', 'labeler_id']).doNothing())
      .returning('sample_id')
      .execute();
    added += rows.length;
  }
  return added;
}
