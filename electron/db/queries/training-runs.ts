import type { Kysely } from 'kysely';
import type { TrainingRun } from '../../../shared/domain/training';
import { storedTrainingRun } from '../../../shared/domain/stored/training-run';
import type { Database } from '../schema';
import { readStoredJsonOrNull } from '../stored-json';

export type RunRecord = Omit<TrainingRun, 'id' | 'createdAt'>;

/** Keeps a finished run with its model; returns the run as it is listed. */
export async function insertTrainingRun(db: Kysely<Database>, run: RunRecord, model: { json: string; weights: Buffer }, at: number): Promise<TrainingRun> {
  const row = await db
    .insertInto('training_run')
    .values({
      dataset_version: run.version,
      created_at: at,
      run_json: JSON.stringify(storedTrainingRun.stamp(run)),
      model_json: model.json,
      weights: model.weights,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, createdAt: new Date(at).toISOString(), ...run };
}

/**
 * The runs trained on a dataset version, oldest first. A run whose record is damaged is left
 * out (and logged): the others remain worth comparing.
 */
export async function trainingRunsOf(db: Kysely<Database>, version: number): Promise<TrainingRun[]> {
  const rows = await db.selectFrom('training_run').select(['id', 'created_at', 'run_json']).where('dataset_version', '=', version).orderBy('id').execute();
  return rows.flatMap((row) => {
    const run = readStoredJsonOrNull(storedTrainingRun.schema, row.run_json, { table: 'training_run', column: 'run_json', row: row.id });
    return run ? [{ id: row.id, createdAt: new Date(row.created_at).toISOString(), ...run }] : [];
  });
}

/** A kept run with its model, or null when there is no such run or its record is damaged (logged). */
export async function trainingRunModel(db: Kysely<Database>, runId: number): Promise<{ run: TrainingRun; modelJson: string; weights: Buffer } | null> {
  const row = await db.selectFrom('training_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!row) return null;
  const run = readStoredJsonOrNull(storedTrainingRun.schema, row.run_json, { table: 'training_run', column: 'run_json', row: row.id });
  if (!run) return null;
  return { run: { id: row.id, createdAt: new Date(row.created_at).toISOString(), ...run }, modelJson: row.model_json, weights: Buffer.from(row.weights) };
}
