/**
 * An `annotation` row as a first save writes it (revision 1, saved at time 1), for tests that fill
 * a database directly because going through the service for thousands of answers would be slow.
 *
 * @example
 * await db.insertInto('annotation').values(ids.map((id) => annotationRow(id, ana, v1, 'submitted', payloadJson))).execute();
 */
export function annotationRow(sampleId: number, labelerId: number, guidelineVersionId: number, status: 'draft' | 'submitted', payloadJson: string) {
  return {
    sample_id: sampleId,
    labeler_id: labelerId,
    guideline_version_id: guidelineVersionId,
    status,
    payload_json: payloadJson,
    revision: 1,
    created_at: 1,
    updated_at: 1,
    submitted_at: status === 'submitted' ? 1 : null,
  };
}
