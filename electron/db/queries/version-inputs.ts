import type { Kysely } from 'kysely';
import type { AnnotationForAgreement } from '../../../shared/agreement/types';
import { withCurrentTagNames } from '../../../shared/domain/taxonomy';
import type { Database } from '../schema';
import { readStoredPayload } from '../stored-payload';

/** A sample as a dataset version freezes it: its row and its tags, sorted as `splitTagNames` sorts them. */
export interface VersionSample {
  id: number;
  display_name: string;
  sha256: string;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  tags: readonly string[];
}

export interface VersionInputs {
  samples: VersionSample[];
  /** Each sample's submitted answers, as {@link submittedForAgreement} gives them: by labeler, then guideline version. */
  answers: Map<number, AnnotationForAgreement[]>;
}

/** Shared by every sample without tags (most of a large project): nothing changes it. */
const NO_TAGS: readonly string[] = Object.freeze([]);

/**
 * What a dataset version reads of a page of samples (those after `afterId`, at most `limit`, in
 * id order): their rows and tags, and their submitted answers exactly as `submittedForAgreement`
 * gives them (each labeler's latest submitted revision under each guideline version, tags under
 * their current names via `currentName`, the sample's tags as `sampleTags`).
 *
 * Read lean, because a version reads every answer of the project (300,000 at 100,000 images):
 * the tags come in one query per page instead of a subquery per row, the latest revision is
 * picked as the ordered rows go by instead of by a correlated `max` per revision, and only the
 * payloads kept are parsed, without zod's wrapper (see `readStoredPayload`).
 * @example await versionInputs(db, { afterId: 0, limit: 500 }, (name) => name) // the first 500 samples and their answers
 */
export async function versionInputs(
  db: Kysely<Database>,
  page: { afterId: number; limit: number },
  currentName: (name: string) => string,
): Promise<VersionInputs> {
  const rows = await db
    .selectFrom('sample')
    .select(['id', 'display_name', 'sha256', 'width', 'height', 'duration_ms'])
    .where('id', '>', page.afterId)
    .orderBy('id')
    .limit(page.limit)
    .execute();
  const answers = new Map<number, AnnotationForAgreement[]>();
  if (rows.length === 0) return { samples: [], answers };
  const range = { from: page.afterId, through: rows[rows.length - 1]!.id };
  const tags = await tagsInRange(db, range);
  const samples = rows.map((row) => ({ ...row, tags: tags.get(row.id) ?? NO_TAGS }));
  const revisions = await db
    .selectFrom('annotation as a')
    .innerJoin('annotation_revision as r', 'r.annotation_id', 'a.id')
    .innerJoin('guideline_version as g', 'g.id', 'r.guideline_version_id')
    .select([
      'r.id as revisionId',
      'a.sample_id as sampleId',
      'a.labeler_id as labelerId',
      'g.version as guidelineVersion',
      'r.saved_at as submittedAt',
      'r.payload_json as payloadJson',
    ])
    .where('a.sample_id', '>', range.from)
    .where('a.sample_id', '<=', range.through)
    .where('r.status', '=', 'submitted')
    .orderBy('a.sample_id')
    .orderBy('a.labeler_id')
    .orderBy('g.version')
    .orderBy('r.revision')
    .execute();
  for (let i = 0; i < revisions.length; i++) {
    const row = revisions[i]!;
    const next = revisions[i + 1];
    // A later submitted revision by the same labeler under the same guideline version replaces this one.
    if (next && next.sampleId === row.sampleId && next.labelerId === row.labelerId && next.guidelineVersion === row.guidelineVersion) continue;
    const payload = readStoredPayload(row.payloadJson, { table: 'annotation_revision', column: 'payload_json', row: row.revisionId });
    let list = answers.get(row.sampleId);
    if (!list) answers.set(row.sampleId, (list = []));
    list.push({
      sampleId: row.sampleId,
      labelerId: row.labelerId,
      guidelineVersion: row.guidelineVersion,
      submittedAt: row.submittedAt,
      sampleTags: tags.get(row.sampleId) ?? NO_TAGS,
      payload: withCurrentTagNames(payload, currentName),
    });
  }
  return { samples, answers };
}

/** The tag names of the samples with ids in (from, through], each sorted. */
async function tagsInRange(db: Kysely<Database>, range: { from: number; through: number }): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('sample_tag')
    .innerJoin('tag', 'tag.id', 'sample_tag.tag_id')
    .select(['sample_tag.sample_id as sampleId', 'tag.name'])
    .where('sample_tag.sample_id', '>', range.from)
    .where('sample_tag.sample_id', '<=', range.through)
    .execute();
  const tags = new Map<number, string[]>();
  for (const row of rows) {
    const list = tags.get(row.sampleId);
    if (list) list.push(row.name);
    else tags.set(row.sampleId, [row.name]);
  }
  for (const list of tags.values()) list.sort();
  return tags;
}
