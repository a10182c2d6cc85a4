import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

export interface PrelabelCandidateRow {
  id: number;
  displayName: string;
  mediaPath: string;
}

/**
 * The samples a model trained on dataset `version` may pre-label: those outside the version (a
 * model's own training samples are no news to it, and a version's samples already have final
 * labels) that some assignee has not yet submitted, so a labeler may still start from the
 * prediction. `everyLabeler`: no assignment plan yet, so every labeler-role account is an assignee.
 */
function candidates(db: Kysely<Database>, version: number, everyLabeler: boolean) {
  return db.selectFrom('sample').where(({ eb, not, exists, selectFrom }) => {
    /** No submitted answer to this sample from the labeler in `labelerColumn`. */
    const notSubmittedBy = (labelerColumn: 'labeler.id' | 'assignment.labeler_id') =>
      not(
        exists(
          selectFrom('annotation')
            .select('annotation.id')
            .whereRef('annotation.sample_id', '=', 'sample.id')
            .where('annotation.labeler_id', '=', sql.ref<number>(labelerColumn))
            .where('annotation.status', '=', 'submitted'),
        ),
      );
    const open = everyLabeler
      ? exists(selectFrom('labeler').select('labeler.id').where('labeler.role', '=', 'labeler').where(notSubmittedBy('labeler.id')))
      : exists(
          selectFrom('assignment')
            .select('assignment.sample_id')
            .whereRef('assignment.sample_id', '=', 'sample.id')
            .where(notSubmittedBy('assignment.labeler_id')),
        );
    const inVersion = eb(
      'sample.id',
      'in',
      selectFrom('dataset_item')
        .innerJoin('dataset_version', 'dataset_version.id', 'dataset_item.dataset_version_id')
        .select('dataset_item.sample_id')
        .where('dataset_version.version', '=', version),
    );
    return eb.and([not(inVersion), open]);
  });
}

/** One page of candidates by sample id, from `after` (exclusive) on. */
export async function prelabelCandidatePage(
  db: Kysely<Database>,
  version: number,
  everyLabeler: boolean,
  after: number,
  limit: number,
): Promise<PrelabelCandidateRow[]> {
  const rows = await candidates(db, version, everyLabeler)
    .select(['sample.id', 'sample.display_name', 'sample.media_path'])
    .where('sample.id', '>', after)
    .orderBy('sample.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, mediaPath: row.media_path }));
}

/** How many candidates there are in all. */
export async function countPrelabelCandidates(db: Kysely<Database>, version: number, everyLabeler: boolean): Promise<number> {
  const row = await candidates(db, version, everyLabeler)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
