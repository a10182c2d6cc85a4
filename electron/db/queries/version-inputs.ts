import type { Kysely } from 'kysely';
import type { AnnotationForAgreement } from '../../../shared/agreement/types';
import { withCurrentTagNames } from '../../../shared/domain/taxonomy';
import type { Database } from '../schema';
import { submittedRevisions } from './agreement-inputs';
import type { SampleShownRow } from './annotation-reads';
import { readStoredPayload } from '../stored-payload';

/** A sample as a dataset version freezes it: its row and its tags, sorted as `splitTagNames` sorts them. */
export interface VersionSample extends SampleShownRow {
  tags: readonly string[];
}

export interface VersionInputs {
  samples: VersionSample[];
  /**
   * A sample's submitted answers, as `submittedForAgreement` gives them (by labeler, then guideline
   * version), parsed when asked for: one sample's answers at a time are all that is ever parsed
   * and alive, not a whole page's, which kept the garbage collector copying them.
   */
  answersOf(sampleId: number): AnnotationForAgreement[];
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
 * picked from the rows in index order instead of by a correlated `max` per revision, and only the
 * payloads kept are parsed, one sample at a time, without zod's wrapper (see `readStoredPayload`).
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
  if (rows.length === 0) return { samples: [], answersOf: () => [] };
  const range = { from: page.afterId, through: rows[rows.length - 1]!.id };
  const tags = await tagsInRange(db, range);
  const samples = rows.map((row) => ({ ...row, tags: tags.get(row.id) ?? NO_TAGS }));
  const revisions = await submittedRevisions(db)
    .where('a.sample_id', '>', range.from)
    .where('a.sample_id', '<=', range.through)
    // The order of the two unique indexes the query walks, so the rows need no sorting.
    .orderBy('a.sample_id')
    .orderBy('a.labeler_id')
    .orderBy('r.revision')
    .execute();
  // Each sample's kept revisions, as [first, end) in `kept`: each labeler's latest under each guideline version, by version.
  const kept: (typeof revisions)[number][] = [];
  const rangeOf = new Map<number, readonly [number, number]>();
  for (let start = 0; start < revisions.length;) {
    const { sampleId, labelerId } = revisions[start]!;
    let end = start + 1;
    while (end < revisions.length && revisions[end]!.sampleId === sampleId && revisions[end]!.labelerId === labelerId) end++;
    const first = rangeOf.get(sampleId)?.[0] ?? kept.length;
    if (end - start === 1) kept.push(revisions[start]!);
    else {
      // Revisions come in order, so a later one under the same guideline version replaces an earlier one.
      const latest = new Map<number, (typeof revisions)[number]>();
      for (let i = start; i < end; i++) latest.set(revisions[i]!.guidelineVersion, revisions[i]!);
      kept.push(...[...latest.values()].sort((x, y) => x.guidelineVersion - y.guidelineVersion));
    }
    rangeOf.set(sampleId, [first, kept.length]);
    start = end;
  }
  const answersOf = (sampleId: number): AnnotationForAgreement[] => {
    const [first, end] = rangeOf.get(sampleId) ?? [0, 0];
    const answers: AnnotationForAgreement[] = [];
    for (let i = first; i < end; i++) {
      const row = kept[i]!;
      const payload = readStoredPayload(row.payloadJson, { table: 'annotation_revision', column: 'payload_json', row: row.revisionId });
      answers.push({
        sampleId: row.sampleId,
        labelerId: row.labelerId,
        guidelineVersion: row.guidelineVersion,
        submittedAt: row.submittedAt,
        sampleTags: tags.get(row.sampleId) ?? NO_TAGS,
        payload: withCurrentTagNames(payload, currentName),
      });
    }
    return answers;
  };
  return { samples, answersOf };
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
