import type { MigrationDb } from './index';

/**
 * How sure a model was of each prediction, 0–1, where it said (the in-app baseline's class
 * probability); imported predictions without one keep null. Shown to the labeler with the
 * pre-label, so a guess reads as a guess.
 */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('prediction').addColumn('confidence', 'double precision').execute();
}
