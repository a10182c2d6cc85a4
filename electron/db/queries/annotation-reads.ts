import type { Kysely } from 'kysely';
import type { AnnotationView, QueueItem, QueueStatus } from '../../../shared/domain/annotation';
import { storedPayloadSchema } from '../../../shared/domain/stored/annotation-payload';
import type { AnnotationRow, Database, SampleRow } from '../schema';
import { readStoredJson } from '../stored-json';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function findAnnotation(db: Kysely<Database>, sampleId: number, labelerId: number): Promise<AnnotationView | null> {
  const row = await db
    .selectFrom('annotation')
    .innerJoin('guideline_version', 'guideline_version.id', 'annotation.guideline_version_id')
    .selectAll('annotation')
    .select('guideline_version.version as guideline_version')
    .where('annotation.sample_id', '=', sampleId)
    .where('annotation.labeler_id', '=', labelerId)
    .executeTakeFirst();
  return row ? annotationView(row, row.guideline_version) : null;
}

/** An annotation as the API shows it, from its row and the version number of its guideline. */
export function annotationView(row: AnnotationRow, guidelineVersion: number): AnnotationView {
  return {
    sampleId: row.sample_id,
    labelerId: row.labeler_id,
    status: row.status,
    revision: row.revision,
    // The labeler's own work: a damaged payload fails the read so it is never saved over unseen.
    payload: readStoredJson(storedPayloadSchema, row.payload_json, { table: 'annotation', column: 'payload_json', row: row.id }),
    guidelineVersion,
    updatedAt: iso(row.updated_at)!,
    submittedAt: iso(row.submitted_at),
    timeSpentMs: row.time_spent_ms,
  };
}

/**
 * Which samples a labeler's queue holds (chosen in `electron/services/gold/queue-selection.ts`):
 * every sample, or those the plan assigned them, each with the checks they were served; or, while
 * they qualify, their qualification set alone.
 */
export type QueueSelection = 'everything' | 'assigned' | 'qualification';

/**
 * The samples of a labeler's queue joined to their own annotation (if any), not yet ordered or
 * selected: `labelerQueue` reads it whole, `queue-window.ts` pages and counts it.
 */
export function queueSamples(db: Kysely<Database>, labelerId: number, selection: QueueSelection) {
  let query = db.selectFrom('sample');
  if (selection !== 'everything') {
    query = query.where(({ eb, or, exists, selectFrom }) => {
      const served = exists(
        selectFrom('gold_check_served as served')
          .select('served.sample_id')
          .whereRef('served.sample_id', '=', 'sample.id')
          .where('served.labeler_id', '=', labelerId)
          .$if(selection === 'qualification', (q) => q.where('served.purpose', '=', 'qualification')),
      );
      if (selection === 'qualification') return served;
      return or([
        served,
        eb.exists(
          eb
            .selectFrom('assignment')
            .select('assignment.sample_id')
            .whereRef('assignment.sample_id', '=', 'sample.id')
            .where('assignment.labeler_id', '=', labelerId),
        ),
      ]);
    });
  }
  return query.leftJoin('annotation', (join) => join.onRef('annotation.sample_id', '=', 'sample.id').on('annotation.labeler_id', '=', labelerId));
}

/** Whether the sample is in the labeler's queue as `selection` chooses it (assigned or served to them). */
export async function isInQueue(db: Kysely<Database>, labelerId: number, selection: QueueSelection, sampleId: number): Promise<boolean> {
  const row = await queueSamples(db, labelerId, selection).select('sample.id').where('sample.id', '=', sampleId).executeTakeFirst();
  return row !== undefined;
}

/** The columns of a queue item, as `queueSamples` selects them. */
export const QUEUE_ITEM_COLUMNS = [
  'sample.id',
  'sample.display_name',
  'sample.sha256',
  'sample.width',
  'sample.height',
  'sample.duration_ms',
  'annotation.status',
] as const;

/** What a queue item and a dataset version show of a sample's row: its name, content and size. */
export type SampleShownRow = Pick<SampleRow, 'id' | 'display_name' | 'sha256' | 'width' | 'height' | 'duration_ms'>;

export function toQueueItem(r: SampleShownRow & { status: string | null }): QueueItem {
  return {
    sampleId: r.id,
    displayName: r.display_name,
    sha256: r.sha256,
    width: r.width,
    height: r.height,
    durationMs: r.duration_ms,
    status: (r.status ?? 'todo') as QueueStatus,
  };
}

/**
 * A labeler's samples in queue order (by sample id, whatever put them there, so nothing in the
 * order tells a check from other work) with where each stands for them.
 */
export async function labelerQueue(db: Kysely<Database>, labelerId: number, selection: QueueSelection): Promise<QueueItem[]> {
  const rows = await queueSamples(db, labelerId, selection).select(QUEUE_ITEM_COLUMNS).orderBy('sample.id').execute();
  return rows.map(toQueueItem);
}
