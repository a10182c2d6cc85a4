import type { Kysely } from 'kysely';
import type { Database } from '../schema';
import type { VersionPage } from '../version-page';
import { submittedRevisions, type StoredAnswer } from './agreement-inputs';

/** Shared by every sample without tags (most of a large project): nothing changes it. */
const NO_TAGS: readonly string[] = Object.freeze([]);

/**
 * What a dataset version reads of a page of samples (those after `afterId`, at most `limit`, in
 * id order): their rows and tags, and the stored answers `submittedForAgreement` would give for
 * them (each labeler's latest submitted revision under each guideline version, in its order),
 * their payloads still as stored: `answersOfPage` parses them where the page's items are made,
 * in the version's worker for a large project.
 *
 * Read lean, because a version reads every answer of the project (300,000 at 100,000 images):
 * the tags come in one query per page instead of a subquery per row, and the latest revision is
 * picked from the rows in index order instead of by a correlated `max` per revision.
 * @example await versionPage(db, { afterId: 0, limit: 500 }) // the first 500 samples and their answers
 */
export async function versionPage(db: Kysely<Database>, page: { afterId: number; limit: number }): Promise<VersionPage> {
  const rows = await db
    .selectFrom('sample')
    .select(['id', 'display_name', 'sha256', 'width', 'height', 'duration_ms'])
    .where('id', '>', page.afterId)
    .orderBy('id')
    .limit(page.limit)
    .execute();
  if (rows.length === 0) return { samples: [], answers: [] };
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
  const answers: StoredAnswer[] = [];
  for (let start = 0; start < revisions.length;) {
    const { sampleId, labelerId } = revisions[start]!;
    let end = start + 1;
    while (end < revisions.length && revisions[end]!.sampleId === sampleId && revisions[end]!.labelerId === labelerId) end++;
    if (end - start === 1) answers.push(revisions[start]!);
    else {
      // Revisions come in order, so a later one under the same guideline version replaces an earlier one.
      const latest = new Map<number, StoredAnswer>();
      for (let i = start; i < end; i++) latest.set(revisions[i]!.guidelineVersion, revisions[i]!);
      answers.push(...[...latest.values()].sort((x, y) => x.guidelineVersion - y.guidelineVersion));
    }
    start = end;
  }
  return { samples, answers };
}

/**
 * The kept agreement of the samples with ids in (from, through] that have one, and which of them
 * are marked stale (a submission or tag change since: their kept score, or its absence, may be out
 * of date). Read after the page's answers: a submission in between marks its sample stale, which
 * is then scored from those answers. By range, as the page's tags: one short statement per table
 * instead of a list of 500 ids to bind and a statement prepared for it each page.
 * @example await keptScoresInRange(db, { from: 0, through: 500 }) // { agreement: Map { 1 => 0.8, … }, stale: Set { 7 } }
 */
export async function keptScoresInRange(
  db: Kysely<Database>,
  range: { from: number; through: number },
): Promise<{ agreement: Map<number, number>; stale: Set<number> }> {
  const kept = await db
    .selectFrom('sample_agreement')
    .select(['sample_id', 'agreement'])
    .where('sample_id', '>', range.from)
    .where('sample_id', '<=', range.through)
    .execute();
  const stale = await db.selectFrom('review_stale').select('sample_id').where('sample_id', '>', range.from).where('sample_id', '<=', range.through).execute();
  return { agreement: new Map(kept.map((row) => [row.sample_id, Number(row.agreement)])), stale: new Set(stale.map((row) => row.sample_id)) };
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
