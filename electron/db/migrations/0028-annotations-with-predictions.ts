import type { MigrationDb } from './index';

/**
 * The annotations started from a model's prediction: the pre-label anchoring report reads those
 * and their predictions each time the Agreement area opens, which scanned every annotation (two
 * scans of ~100 ms each at 300,000 annotations, holding every other request) even in a project
 * without predictions. A partial index holds only them.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.createIndex('annotation_with_prediction').on('annotation').column('prediction_id').where('prediction_id', 'is not', null).execute();
}
