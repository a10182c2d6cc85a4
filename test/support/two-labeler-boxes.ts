import type { Kysely } from 'kysely';
import { insertSamples } from '../../electron/db/queries/samples';
import type { Database } from '../../electron/db/schema';
import { boxProjectWithLabelers } from './box-project';

/** A submitted box answer's payload: one box `width` wide, of class `classId`. */
export function boxAnswer(width: number, classId = 1): string {
  return JSON.stringify({ v: 1, kind: 'bbox', boxes: [{ id: 'b', classId, x1: 0, y1: 0, x2: width, y2: 10 }], noObjects: false, tags: [] });
}

/**
 * A box project of `count` samples, each submitted by two labelers (ana and ben) with one box
 * whose width depends on the sample and the labeler, so their scores differ; the labelers' ids.
 * Written straight into the database, a batch of samples at a time.
 */
export async function twoLabelerBoxProject(db: Kysely<Database>, count: number): Promise<number[]> {
  const { labelerIds: labelers, guidelineVersionId: version } = await boxProjectWithLabelers(db, ['ana', 'ben']);
  const names = Array.from({ length: count }, (_, i) => `s${i}.png`);
  await insertSamples(
    db,
    names.map((name) => ({
      display_name: name,
      media_path: `/${name}`,
      media_kind: 'image',
      mime_type: 'image/png',
      sha256: name,
      byte_size: 1,
      imported_at: 1,
    })),
  );
  const samples = (await db.selectFrom('sample').select('id').orderBy('id').execute()).map((row) => row.id);
  for (const [index, labelerId] of labelers.entries()) {
    for (let first = 0; first < samples.length; first += 500) {
      const batch = samples.slice(first, first + 500).map((sampleId) => {
        const payload = boxAnswer(10 + ((sampleId * (index + 3)) % 7), 1 + (sampleId % 2));
        return { sampleId, payload };
      });
      const annotations = await db
        .insertInto('annotation')
        .values(
          batch.map(({ sampleId, payload }) => ({
            sample_id: sampleId,
            labeler_id: labelerId,
            guideline_version_id: version,
            status: 'submitted',
            payload_json: payload,
            revision: 1,
            created_at: 1,
            updated_at: 1,
            submitted_at: 1,
          })),
        )
        .returning(['id', 'sample_id'])
        .execute();
      const payloadOf = new Map(batch.map(({ sampleId, payload }) => [sampleId, payload]));
      await db
        .insertInto('annotation_revision')
        .values(
          annotations.map((row) => ({
            annotation_id: row.id,
            revision: 1,
            status: 'submitted',
            guideline_version_id: version,
            payload_json: payloadOf.get(row.sample_id)!,
            saved_at: 1,
          })),
        )
        .execute();
    }
  }
  return labelers;
}
