import { ApiError } from '../../shared/api/errors';
import { payloadProblems } from '../../shared/annotation/check-payload';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import { listClasses, listTags } from '../db/queries/project';
import { getSample } from '../db/queries/samples';
import type { OpenProject } from './hosting/context';

/**
 * Refuses a label that does not fit its sample and project (boxes outside the image, unknown
 * classes or tags, the wrong kind), naming every problem. Labelers' saves and SMEs' gold edits
 * go through the same check.
 */
export async function requireFittingPayload(project: OpenProject, sampleId: number, payload: AnnotationPayload): Promise<void> {
  const { db } = project.connection;
  const sample = await getSample(db, sampleId);
  if (!sample) throw new ApiError('not_found', `No sample ${sampleId} in this project.`, [{ path: 'sampleId', message: 'unknown sample' }]);
  const issues = payloadProblems(payload, {
    kind: project.kind,
    classIds: new Set((await listClasses(db)).map((c) => c.id)),
    tagNames: new Set((await listTags(db)).map((t) => t.name)),
    image: sample.width !== null && sample.height !== null ? { width: sample.width, height: sample.height } : null,
    durationMs: sample.duration_ms,
  });
  if (issues.length > 0) {
    throw new ApiError(
      'invalid_argument',
      `The annotation does not fit ${sample.display_name}: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`,
      issues,
    );
  }
}
