import type { Kysely } from 'kysely';
import type { AnnotationForAgreement } from '../../shared/agreement';
import { addDecision } from '../../electron/db/queries/gold';
import { markChecks, serveChecks } from '../../electron/db/queries/gold-checks';
import type { Database } from '../../electron/db/schema';
import { boxProjectWithLabelers } from './box-project';
import { simulateBoxLabeling } from './simulated-labelers';

export interface SeedOptions {
  /** The project's labeler id for each simulated one (1, 2, …). */
  labelerIds: readonly number[];
  /** Active time recorded on each annotation; default 0. */
  timeSpentMs?: (annotation: AnnotationForAgreement) => number;
  /** One real image every sample shows (a file copied into the project's `media/`), for tests that open them; default a path that does not exist. Each sample gets a hash of its own (the column is unique). */
  media?: { path: string; byte_size: number; width: number; height: number };
}

/**
 * Writes simulated work into a project's database as if labelers had submitted it: one image
 * sample per simulated sample id (1…n, made in order, so the ids match) and each annotation as a
 * submitted revision under guideline version 1, saved at its `submittedAt`. For figures that
 * need hundreds of submissions with known times, which saving through the API cannot date.
 */
export async function seedSubmittedWork(db: Kysely<Database>, annotations: readonly AnnotationForAgreement[], options: SeedOptions): Promise<void> {
  const sampleCount = Math.max(...annotations.map((annotation) => annotation.sampleId));
  await db.transaction().execute(async (trx) => {
    const guideline = await trx.selectFrom('guideline_version').select('id').where('version', '=', 1).executeTakeFirstOrThrow();
    for (let n = 1; n <= sampleCount; n++) {
      const { id } = await trx
        .insertInto('sample')
        .values({
          display_name: `sim-${n}.png`,
          media_kind: 'image',
          mime_type: 'image/png',
          imported_at: 1,
          ...(options.media
            ? {
                media_path: options.media.path,
                sha256: `sim${n}`,
                byte_size: options.media.byte_size,
                width: options.media.width,
                height: options.media.height,
                media_copied: 1,
              }
            : { media_path: `/sim/${n}.png`, sha256: `sim${n}`, byte_size: 1 }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (id !== n) throw new Error(`simulated sample ${n} got id ${id}: seed an empty project`);
    }
    for (const annotation of annotations) {
      const payload_json = JSON.stringify(annotation.payload);
      const at = annotation.submittedAt;
      const { id } = await trx
        .insertInto('annotation')
        .values({
          sample_id: annotation.sampleId,
          labeler_id: options.labelerIds[annotation.labelerId - 1]!,
          guideline_version_id: guideline.id,
          status: 'submitted',
          payload_json,
          revision: 1,
          created_at: at,
          updated_at: at,
          submitted_at: at,
          time_spent_ms: options.timeSpentMs?.(annotation) ?? 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('annotation_revision')
        .values({ annotation_id: id, revision: 1, status: 'submitted', guideline_version_id: guideline.id, payload_json, saved_at: at })
        .execute();
    }
  });
}

/**
 * Makes an empty migrated database a box project (guideline v1) whose `samples` samples two
 * labelers, ana and ben, submitted (simulated from `seed`, see {@link seedSubmittedWork}).
 * Returns their labeler ids.
 */
export async function seedTwoLabelersWork(db: Kysely<Database>, samples: number, seed: number): Promise<number[]> {
  const { labelerIds } = await boxProjectWithLabelers(db, ['ana', 'ben']);
  await seedSubmittedWork(db, simulateBoxLabeling({ samples, labelers: 2, seed }), { labelerIds });
  return labelerIds;
}

/**
 * Makes simulated answers gold checks, as if an SME had decided each of these samples with that
 * answer under guideline version 1 and the checks had been served to `servedTo` before they
 * answered: for drift against gold, which needs more checks than deciding through the API makes quick.
 */
export async function seedGoldChecks(
  db: Kysely<Database>,
  golds: readonly AnnotationForAgreement[],
  options: { smeId: number | null; servedTo: readonly number[] },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const guideline = await trx.selectFrom('guideline_version').select('id').where('version', '=', 1).executeTakeFirstOrThrow();
    for (const gold of golds) {
      const at = gold.submittedAt;
      await addDecision(trx, {
        sampleId: gold.sampleId,
        choice: 'edited',
        sourceLabelerId: null,
        payload: gold.payload,
        decidedBy: options.smeId,
        at,
        reason: '',
        guidelineRule: null,
        guidelineVersionId: guideline.id,
      });
      await markChecks(trx, [gold.sampleId], false, options.smeId, at);
      for (const labelerId of options.servedTo) await serveChecks(trx, labelerId, [gold.sampleId], 'check', 0);
    }
  });
}
