import type { Kysely } from 'kysely';
import type { AnnotationPayload } from '../../../shared/annotation/payload';
import type { AnnotationRow, Database } from '../schema';
import { inTransaction } from '../transaction';

export interface AnnotationWrite {
  sampleId: number;
  labelerId: number;
  guidelineVersionId: number;
  payload: AnnotationPayload;
  status: 'draft' | 'submitted';
  at: number;
}

/**
 * Saves a labeler's annotation of a sample as a new revision. The current row and the
 * revision history are written in one transaction, so history never misses a save.
 */
export async function saveAnnotation(db: Kysely<Database>, write: AnnotationWrite): Promise<AnnotationRow> {
  return inTransaction(db, async (trx) => {
    const payloadJson = JSON.stringify(write.payload);
    const existing = await trx
      .selectFrom('annotation')
      .selectAll()
      .where('sample_id', '=', write.sampleId)
      .where('labeler_id', '=', write.labelerId)
      .executeTakeFirst();
    const submittedAt = write.status === 'submitted' ? write.at : null;
    const row = existing
      ? await trx
          .updateTable('annotation')
          .set({
            payload_json: payloadJson,
            status: write.status,
            guideline_version_id: write.guidelineVersionId,
            revision: existing.revision + 1,
            updated_at: write.at,
            submitted_at: submittedAt ?? existing.submitted_at,
          })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('annotation')
          .values({
            sample_id: write.sampleId,
            labeler_id: write.labelerId,
            guideline_version_id: write.guidelineVersionId,
            status: write.status,
            payload_json: payloadJson,
            revision: 1,
            created_at: write.at,
            updated_at: write.at,
            submitted_at: submittedAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    await trx
      .insertInto('annotation_revision')
      .values({
        annotation_id: row.id,
        revision: row.revision,
        status: row.status,
        guideline_version_id: row.guideline_version_id,
        payload_json: payloadJson,
        saved_at: write.at,
      })
      .execute();
    return row;
  });
}

export async function countAnnotations(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('annotation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
