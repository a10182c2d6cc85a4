import type { MigrationDb } from './index';

/** Baselines trained in the app, kept with the dataset version they were trained on. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('training_run')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('dataset_version', 'integer', (c) => c.notNull().references('dataset_version.version'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('run_json', 'text', (c) => c.notNull())
    // The model as TensorFlow.js saves it: topology and weight specs as JSON, weights as bytes.
    .addColumn('model_json', 'text', (c) => c.notNull())
    .addColumn('weights', 'blob', (c) => c.notNull())
    .execute();
}
