import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { tagNamesNow } from '../../../electron/db/queries/project';
import { keptScoresInRange, versionPage } from '../../../electron/db/queries/version-inputs';
import type { Database } from '../../../electron/db/schema';
import { answersOfPage } from '../../../electron/db/version-page';
import { seedBasicRows } from '../../support/basic-rows';
import { describeOnEngines } from '../../support/engines';

const NO_FLAGS = { unsure: false, comment: '', mediaBroken: false };
const boxes = (x: number, tags: string[] = []) =>
  JSON.stringify({ v: 1, kind: 'bbox', boxes: [{ id: 'b', classId: 1, x1: x, y1: 0, x2: x + 5, y2: 5 }], noObjects: false, flags: NO_FLAGS, tags });

/**
 * Six samples answered every way a version meets: resubmitted, relabeled under a second guideline
 * version (and back), a draft after a submission, a labeler who only drafted, tags on the sample and
 * a tag given under a name since renamed.
 */
async function seed(db: Kysely<Database>): Promise<void> {
  await seedBasicRows(db, { labelers: ['ana', 'ben', 'chen'], guidelineVersions: [1, 2], samples: 6 });
  for (const [position, name] of ['night', 'blurry'].entries()) await db.insertInto('tag').values({ name, hotkey: null, position, retired_at: null }).execute();
  await db.insertInto('tag_former_name').values({ name: 'dark', tag_id: 1, renamed_at: 1, guideline_version: 1 }).execute();
  await db
    .insertInto('sample_tag')
    .values([
      { sample_id: 2, tag_id: 2 },
      { sample_id: 2, tag_id: 1 },
      { sample_id: 5, tag_id: 1 },
    ])
    .execute();
  // [sample, labeler, revisions as [status, guideline version id, x, tags?]]
  const answers: [number, number, ['draft' | 'submitted', number, number, string[]?][]][] = [
    [1, 1, [['submitted', 1, 1]]],
    [
      1,
      2,
      [
        ['submitted', 1, 2],
        ['submitted', 1, 3],
      ],
    ],
    [
      2,
      1,
      [
        ['submitted', 1, 4, ['dark']],
        ['submitted', 2, 5],
        ['submitted', 1, 6],
        ['draft', 2, 7],
      ],
    ],
    [2, 3, [['draft', 1, 8]]],
    [
      3,
      2,
      [
        ['submitted', 2, 9],
        ['submitted', 1, 10],
      ],
    ],
    [
      5,
      3,
      [
        ['submitted', 1, 11, ['blurry', 'dark']],
        ['draft', 1, 12],
      ],
    ],
    [6, 1, [['submitted', 2, 13]]],
    [6, 2, [['submitted', 1, 14]]],
  ];
  for (const [sample, labeler, revisions] of answers) {
    const [status, guideline, x, tags] = revisions[revisions.length - 1]!;
    const { id } = await db
      .insertInto('annotation')
      .values({
        sample_id: sample,
        labeler_id: labeler,
        guideline_version_id: guideline,
        status,
        payload_json: boxes(x, tags),
        revision: revisions.length,
        created_at: 1,
        updated_at: 1,
        submitted_at: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [index, [status, guideline, x, tags]] of revisions.entries()) {
      await db
        .insertInto('annotation_revision')
        .values({ annotation_id: id, revision: index + 1, status, guideline_version_id: guideline, payload_json: boxes(x, tags), saved_at: 100 + x })
        .execute();
    }
  }
}

describeOnEngines("a dataset version's read", (engine) => {
  it('gives each sample the answers and tags the agreement read gives, a page at a time', async () => {
    const db = await engine.migratedDatabase();
    await seed(db);
    const currentName = await tagNamesNow(db);
    const expected = await submittedForAgreement(db);
    const read: unknown[] = [];
    const samples: { id: number; tags: readonly string[] }[] = [];
    for (let afterId = 0; ;) {
      // Pages of two samples: a page boundary falls between samples with answers.
      const page = await versionPage(db, { afterId, limit: 2 });
      const answersOf = answersOfPage(page, currentName);
      if (page.samples.length === 0) break;
      afterId = page.samples[page.samples.length - 1]!.id;
      for (const sample of page.samples) {
        samples.push({ id: sample.id, tags: sample.tags });
        read.push(...answersOf(sample.id));
      }
    }
    expect(read).toEqual(expected);
    // The picks the comparison rests on: the latest under each guideline version, tags renamed, drafts left out.
    expect(expected.filter((a) => a.sampleId === 2).map((a) => [a.guidelineVersion, a.payload.kind === 'bbox' && a.payload.boxes[0]!.x1])).toEqual([
      [1, 6],
      [2, 5],
    ]);
    expect(expected.find((a) => a.sampleId === 5)!.payload.tags).toEqual(['blurry', 'night']);
    expect(samples).toEqual([
      { id: 1, tags: [] },
      { id: 2, tags: ['blurry', 'night'] },
      { id: 3, tags: [] },
      { id: 4, tags: [] },
      { id: 5, tags: ['night'] },
      { id: 6, tags: [] },
    ]);
  });

  it("gives a page's kept scores and stale marks, the first id of the range left out and the last taken", async () => {
    const db = await engine.migratedDatabase();
    await seedBasicRows(db, { labelers: ['ana'], guidelineVersions: [1], samples: 6 });
    await db
      .insertInto('sample_agreement')
      .values([1, 2, 4, 5, 6].map((id) => ({ sample_id: id, agreement: id / 10 })))
      .execute();
    await db
      .insertInto('review_stale')
      .values([2, 3, 6].map((id) => ({ sample_id: id })))
      .execute();
    const { agreement, stale } = await keptScoresInRange(db, { from: 1, through: 5 });
    expect([...agreement].sort(([x], [y]) => x - y)).toEqual([
      [2, 0.2],
      [4, 0.4],
      [5, 0.5],
    ]);
    expect([...stale].sort()).toEqual([2, 3]);
  });
});
