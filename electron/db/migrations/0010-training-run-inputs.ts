import type { MigrationDb } from './index';

interface RunBefore {
  evaluation: Record<'dev' | 'test', { accuracy: number | null; macroF1: number | null; crops: number }>;
}

/**
 * Runs now say what they trained on (box crops, or clips for a target), and count examples
 * rather than crops. Every run before this trained on crops.
 */
export async function up(db: MigrationDb): Promise<void> {
  const rows = (await db.selectFrom('training_run').select(['id', 'run_json']).execute()) as { id: number; run_json: string }[];
  for (const row of rows) {
    const run = JSON.parse(row.run_json) as RunBefore & Record<string, unknown>;
    const split = ({ crops, ...rest }: RunBefore['evaluation']['dev']) => ({ ...rest, examples: crops });
    const after = { ...run, input: { kind: 'crops' }, evaluation: { dev: split(run.evaluation.dev), test: split(run.evaluation.test) } };
    await db
      .updateTable('training_run')
      .set({ run_json: JSON.stringify(after) })
      .where('id', '=', row.id)
      .execute();
  }
}
