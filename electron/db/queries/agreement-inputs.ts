import type { Kysely } from 'kysely';
import type { AnnotationForAgreement } from '../../../shared/agreement/types';
import { parseAnnotationPayload } from '../../../shared/annotation/payload';
import type { Database } from '../schema';

/**
 * Every submitted annotation (of one sample, or of the project) with what agreement is sliced
 * by: the sample's tags and the guideline version it was made under. Drafts are left out: they
 * are not yet an answer.
 */
export async function submittedForAgreement(db: Kysely<Database>, sampleId?: number): Promise<AnnotationForAgreement[]> {
  const rows = await db
    .selectFrom('annotation')
    .innerJoin('guideline_version', 'guideline_version.id', 'annotation.guideline_version_id')
    .select((eb) => [
      'annotation.sample_id as sampleId',
      'annotation.labeler_id as labelerId',
      'guideline_version.version as guidelineVersion',
      'annotation.submitted_at as submittedAt',
      'annotation.payload_json as payloadJson',
      eb
        .selectFrom('sample_tag')
        .innerJoin('tag', 'tag.id', 'sample_tag.tag_id')
        .select((e) => e.fn<string>('group_concat', ['tag.name', e.val('\u001f')]).as('names'))
        .whereRef('sample_tag.sample_id', '=', 'annotation.sample_id')
        .as('tagNames'),
    ])
    .where('annotation.status', '=', 'submitted')
    .$if(sampleId !== undefined, (query) => query.where('annotation.sample_id', '=', sampleId!))
    .orderBy('annotation.sample_id')
    .orderBy('annotation.labeler_id')
    .execute();
  return rows.map((row) => ({
    sampleId: row.sampleId,
    labelerId: row.labelerId,
    guidelineVersion: row.guidelineVersion,
    submittedAt: row.submittedAt ?? 0,
    sampleTags: row.tagNames ? row.tagNames.split('\u001f') : [],
    payload: parseAnnotationPayload(row.payloadJson),
  }));
}
