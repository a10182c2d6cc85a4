import type { Kysely } from 'kysely';
import type { AnnotationPayload } from '../../../shared/annotation/payload';
import type { AnnotationRow, Database } from '../schema';
import { dialectOf } from '../dialect';
import { inTransaction } from '../transaction';

/**
 * A labeler's annotation of a sample (null when there is none yet), read for a write that
 * depends on it: inside a transaction, the row stays locked until it ends, so a save made
 * meanwhile on another connection waits and then sees the new revision.
 */
export async function annotationForWrite(trx: Kysely<Database>, sampleId: number, labelerId: number): Promise<AnnotationRow | null> {
  const row = await trx
    .selectFrom('annotation')
    .selectAll()
    .where('sample_id', '=', sampleId)
    .where('labeler_id', '=', labelerId)
    .$if(dialectOf(trx).locksRows, (q) => q.forUpdate())
    .executeTakeFirst();
  return row ?? null;
}

export interface AnnotationWrite {
  sampleId: number;
  labelerId: number;
  guidelineVersionId: number;
  payload: AnnotationPayload;
  status: 'draft' | 'submitted';
  at: number;
  /** The anchoring arm and prediction of the assignment, recorded with the first save only. */
  prelabel?: { arm: 'prelabeled' | 'blind'; predictionId: number } | null;
  /** Time the labeler spent on it since the last save, added to the annotation's total in the same write. */
  timeSpentMs?: number;
}

/**
 * Saves a labeler's annotation of a sample as a new revision. The current row and the
 * revision history are written in one transaction, so history never misses a save.
 * A caller that already read the row with `annotationForWrite` in the same transaction
 * passes it as `locked` (null: there is none), so it is not read twice.
 */
export async function saveAnnotation(db: Kysely<Database>, write: AnnotationWrite, locked?: AnnotationRow | null): Promise<AnnotationRow> {
  return inTransaction(db, async (trx) => {
    const payloadJson = JSON.stringify(write.payload);
    const existing =
      locked !== undefined
        ? locked
        : await trx.selectFrom('annotation').selectAll().where('sample_id', '=', write.sampleId).where('labeler_id', '=', write.labelerId).executeTakeFirst();
    const submittedAt = write.status === 'submitted' ? write.at : null;
    const timeSpentMs = Math.max(0, write.timeSpentMs ?? 0);
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
            time_spent_ms: (eb) => eb('time_spent_ms', '+', timeSpentMs),
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
            prelabel_arm: write.prelabel?.arm ?? null,
            prediction_id: write.prelabel?.predictionId ?? null,
            time_spent_ms: timeSpentMs,
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

/** Annotations per INSERT in `insertSubmittedAnnotations`. */
const ANNOTATIONS_PER_INSERT = 200;

/**
 * Records many first submissions at once (revision 1, with its history row), in the caller's
 * transaction: the same rows `saveAnnotation` writes for a first submitted save, for a project
 * generator filling a new project. The pairs must not have an annotation yet.
 */
export async function insertSubmittedAnnotations(
  db: Kysely<Database>,
  writes: readonly Omit<AnnotationWrite, 'status' | 'prelabel' | 'timeSpentMs'>[],
): Promise<void> {
  for (let first = 0; first < writes.length; first += ANNOTATIONS_PER_INSERT) {
    const batch = writes.slice(first, first + ANNOTATIONS_PER_INSERT).map((write) => ({ write, payloadJson: JSON.stringify(write.payload) }));
    const inserted = await db
      .insertInto('annotation')
      .values(
        batch.map(({ write, payloadJson }) => ({
          sample_id: write.sampleId,
          labeler_id: write.labelerId,
          guideline_version_id: write.guidelineVersionId,
          status: 'submitted' as const,
          payload_json: payloadJson,
          revision: 1,
          created_at: write.at,
          updated_at: write.at,
          submitted_at: write.at,
          prelabel_arm: null,
          prediction_id: null,
          time_spent_ms: 0,
        })),
      )
      .returning(['id', 'sample_id', 'labeler_id'])
      .execute();
    // Matched by (sample, labeler), which is unique: neither engine promises RETURNING's order.
    const idOf = new Map(inserted.map((row) => [`${row.sample_id}/${row.labeler_id}`, row.id]));
    await db
      .insertInto('annotation_revision')
      .values(
        batch.map(({ write, payloadJson }) => ({
          annotation_id: idOf.get(`${write.sampleId}/${write.labelerId}`)!,
          revision: 1,
          status: 'submitted' as const,
          guideline_version_id: write.guidelineVersionId,
          payload_json: payloadJson,
          saved_at: write.at,
        })),
      )
      .execute();
  }
}

export async function countAnnotations(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('annotation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
