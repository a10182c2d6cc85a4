import type { Kysely } from 'kysely';
import { insertLabeler } from '../../electron/db/queries/labelers';
import { insertGuidelineVersion, insertProject } from '../../electron/db/queries/project';
import type { Database } from '../../electron/db/schema';

/**
 * Makes an empty migrated database a box project with guideline version 1 and a labeler per name
 * (in that order), written straight into the database: their ids and the version's.
 */
export async function boxProjectWithLabelers(db: Kysely<Database>, names: readonly string[]): Promise<{ labelerIds: number[]; guidelineVersionId: number }> {
  await insertProject(db, { name: 'p', kind: 'bbox', createdAt: 1 });
  const guidelineVersionId = await insertGuidelineVersion(db, { version: 1, bodyMd: '# v1', changelog: 'first', publishedAt: 1 });
  const labelerIds: number[] = [];
  for (const name of names) labelerIds.push((await insertLabeler(db, { name, role: 'labeler', createdAt: 1 })).id);
  return { labelerIds, guidelineVersionId };
}
