import { ApiError } from '../../shared/api/errors';
import { payloadIssueWords } from '../../shared/annotation/payload-issue-words';
import { payloadProblems } from '../../shared/annotation/check-payload';
import type { AnnotationPayload, Box } from '../../shared/annotation/payload';
import { currentTagNames, withCurrentTagNames } from '../../shared/domain/taxonomy';
import { listClasses, listTags } from '../db/queries/project';
import { getSample } from '../db/queries/samples';
import type { OpenProject } from './hosting/context';

/**
 * Which boxes of a new label may keep a retired class: a labeler's own boxes that had it in
 * their previous revision (same box, same class), or, for a gold label built from the answers,
 * any class an earlier label of the sample used.
 */
export type RetiredClassesKept = { sameBoxesAs: AnnotationPayload | null } | { classesOf: readonly AnnotationPayload[] };

function keptBy(rule: RetiredClassesKept): (box: Box) => boolean {
  const boxesOf = (payload: AnnotationPayload | null) => (payload?.kind === 'bbox' ? payload.boxes : []);
  if ('sameBoxesAs' in rule) {
    const before = new Map(boxesOf(rule.sameBoxesAs).map((box) => [box.id, box.classId]));
    return (box) => before.get(box.id) === box.classId;
  }
  const used = new Set(rule.classesOf.flatMap((payload) => boxesOf(payload).map((box) => box.classId)));
  return (box) => used.has(box.classId);
}

/**
 * Refuses a label that does not fit its sample and project (boxes outside the image, unknown
 * classes or tags, the wrong kind, a new box with a retired class), naming every problem, and
 * returns it to be stored with its tags under their current names (an editor opened before a
 * tag's rename still sends the old one). Labelers' saves and SMEs' gold edits go through the
 * same check.
 */
export async function requireFittingPayload(
  project: OpenProject,
  sampleId: number,
  given: AnnotationPayload,
  kept: RetiredClassesKept,
): Promise<AnnotationPayload> {
  const { db } = project.connection;
  // Three independent reads at once: on a team server each is a round trip, and every save waits for them.
  const [sample, classes, tags] = await Promise.all([getSample(db, sampleId), listClasses(db), listTags(db)]);
  if (!sample) throw new ApiError('not_found', `No sample ${sampleId} in this project.`, [{ path: 'sampleId', message: 'unknown sample' }]);
  const payload = withCurrentTagNames(given, currentTagNames(tags));
  const retired = classes.filter((c) => c.retired);
  const issues = payloadProblems(payload, {
    kind: project.kind,
    classIds: new Set(classes.map((c) => c.id)),
    retiredClasses: { ids: new Set(retired.map((c) => c.id)), names: new Map(retired.map((c) => [c.id, c.name])), kept: keptBy(kept) },
    tagNames: new Set(tags.map((t) => t.name)),
    image: sample.width !== null && sample.height !== null ? { width: sample.width, height: sample.height } : null,
    durationMs: sample.duration_ms,
  });
  if (issues.length > 0) {
    throw new ApiError('invalid_argument', `The annotation does not fit ${sample.display_name}: ${issues.map(payloadIssueWords).join('; ')}.`, issues);
  }
  return payload;
}
