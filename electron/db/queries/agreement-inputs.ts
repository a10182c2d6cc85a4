import type { Kysely } from 'kysely';
import type { AnnotationForAgreement } from '../../../shared/agreement/types';
import { storedPayloadSchema } from '../../../shared/domain/stored/annotation-payload';
import { dialectOf } from '../dialect';
import type { Database } from '../schema';
import { readStoredJson } from '../stored-json';

/**
 * What agreement and review read: for each sample and labeler, the latest submitted revision
 * under each guideline version they labeled it under (of one sample, or of the project), with
 * the sample's tags. Drafts are left out: they are not yet an answer, and a labeler relabeling
 * under a new guideline keeps their last answer until they submit the new one. The latest
 * revision overall is a labeler's current answer; the older versions' ones let agreement be
 * compared across guideline versions on the same samples.
 */
export async function submittedForAgreement(db: Kysely<Database>, sampleId?: number): Promise<AnnotationForAgreement[]> {
  const rows = await db
    .selectFrom('annotation_revision as r')
    .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
    .innerJoin('guideline_version as g', 'g.id', 'r.guideline_version_id')
    .select((eb) => [
      'r.id as revisionId',
      'a.sample_id as sampleId',
      'a.labeler_id as labelerId',
      'g.version as guidelineVersion',
      'r.saved_at as submittedAt',
      'r.payload_json as payloadJson',
      eb
        .selectFrom('sample_tag')
        .innerJoin('tag', 'tag.id', 'sample_tag.tag_id')
        .select(dialectOf(db).joinText('tag.name', '\u001f').as('names'))
        .whereRef('sample_tag.sample_id', '=', 'a.sample_id')
        .as('tagNames'),
    ])
    .where('r.status', '=', 'submitted')
    .where(({ eb, selectFrom }) =>
      eb(
        'r.revision',
        '=',
        selectFrom('annotation_revision as later')
          .select((e) => e.fn.max('later.revision').as('latest'))
          .whereRef('later.annotation_id', '=', 'r.annotation_id')
          .whereRef('later.guideline_version_id', '=', 'r.guideline_version_id')
          .where('later.status', '=', 'submitted'),
      ),
    )
    .$if(sampleId !== undefined, (query) => query.where('a.sample_id', '=', sampleId!))
    .orderBy('a.sample_id')
    .orderBy('a.labeler_id')
    .orderBy('g.version')
    .execute();
  return rows.map((row) => ({
    sampleId: row.sampleId,
    labelerId: row.labelerId,
    guidelineVersion: row.guidelineVersion,
    submittedAt: row.submittedAt,
    sampleTags: row.tagNames ? row.tagNames.split('\u001f') : [],
    // Agreement over answers with one quietly missing would be a wrong number: a damaged answer fails the read.
    payload: readStoredJson(storedPayloadSchema, row.payloadJson, { table: 'annotation_revision', column: 'payload_json', row: row.revisionId }),
  }));
}
