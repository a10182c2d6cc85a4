import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { findAnnotation, labelerQueue } from '../../../electron/db/queries/annotation-reads';
import { saveAnnotation } from '../../../electron/db/queries/annotations';
import { applyAssignmentChanges, getPlanSettings, listAssignments, savePlanSettings, startedPairs } from '../../../electron/db/queries/assignments';
import { addDecision, currentDecisions, currentGoldLabels, decisionHistory } from '../../../electron/db/queries/gold';
import {
  addDraftExample,
  closeRelabels,
  freezeDraftExamples,
  lastLabeledVersion,
  markSeen,
  openRelabels,
  publishedGuideline,
  readDraft,
  requestRelabel,
  seenVersion,
  updateDraftExample,
  writeDraft,
} from '../../../electron/db/queries/guidelines';
import { insertLabeler } from '../../../electron/db/queries/labelers';
import { ensureTags, insertGuidelineVersion, insertProject } from '../../../electron/db/queries/project';
import { insertSample } from '../../../electron/db/queries/samples';
import type { Database } from '../../../electron/db/schema';
import type { BboxPayload } from '../../../shared/annotation/payload';
import { boxOfWidth } from '../../support/box-payload';
import { describeOnEngines } from '../../support/engines';

const box = boxOfWidth;
const widthOf = (payload: unknown) => (payload as BboxPayload).boxes[0]!.x2;

/** Two samples (the first tagged), two labelers, guideline v1. */
async function project(db: Kysely<Database>) {
  await insertProject(db, { name: 'p', kind: 'bbox', createdAt: 1 });
  const v1 = await insertGuidelineVersion(db, { version: 1, bodyMd: '# v1', changelog: 'first', publishedAt: 1 });
  const ana = (await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1 })).id;
  const ben = (await insertLabeler(db, { name: 'ben', role: 'labeler', createdAt: 1 })).id;
  const night = (await ensureTags(db, ['night'])).get('night')!;
  const sample = (name: string, tags: number[]) =>
    insertSample(
      db,
      { display_name: name, media_path: `/${name}`, media_kind: 'image', mime_type: 'image/png', sha256: name, byte_size: 1, imported_at: 1 },
      tags,
    );
  return { v1, ana, ben, first: await sample('a.png', [night]), second: await sample('b.png', []) };
}

describeOnEngines('labeling, review and guideline queries', (engine) => {
  it("keeps each labeler's queue, answer, revisions and time spent", async () => {
    const db = await engine.migratedDatabase();
    const { v1, ana, ben, first, second } = await project(db);
    await applyAssignmentChanges(
      db,
      [
        { sampleId: first, labelerId: ana },
        { sampleId: second, labelerId: ben },
      ],
      [],
      5,
    );
    await savePlanSettings(db, { overlap: 1, calibration: [], seed: 7, plannedAt: 5 });
    await savePlanSettings(db, { overlap: 2, calibration: [first], seed: 8, plannedAt: 6 });
    expect(await getPlanSettings(db)).toEqual({ overlap: 2, calibration: [first], seed: 8, plannedAt: 6 });
    expect(await listAssignments(db)).toHaveLength(2);

    // Time spent adds up over saves, in the same write as each revision.
    await saveAnnotation(db, { sampleId: first, labelerId: ana, guidelineVersionId: v1, payload: box(10), status: 'draft', at: 10, timeSpentMs: 1500 });
    await saveAnnotation(db, { sampleId: first, labelerId: ana, guidelineVersionId: v1, payload: box(20), status: 'submitted', at: 20, timeSpentMs: 500 });
    expect(await findAnnotation(db, first, ana)).toMatchObject({ revision: 2, status: 'submitted', guidelineVersion: 1, timeSpentMs: 2000 });
    expect(await labelerQueue(db, ana, 'assigned')).toMatchObject([{ sampleId: first, status: 'submitted' }]);
    expect((await labelerQueue(db, ben, 'everything')).map((item) => item.status)).toEqual(['todo', 'todo']);
    expect(await startedPairs(db)).toEqual([{ sampleId: first, labelerId: ana }]);
  });

  it('gives agreement the latest submitted answers with their sample tags, and keeps every gold decision', async () => {
    const db = await engine.migratedDatabase();
    const { v1, ana, ben, first, second } = await project(db);
    for (const [labelerId, width] of [
      [ana, 10],
      [ben, 12],
    ] as const) {
      await saveAnnotation(db, { sampleId: first, labelerId, guidelineVersionId: v1, payload: box(width), status: 'submitted', at: 30 });
    }
    await saveAnnotation(db, { sampleId: second, labelerId: ana, guidelineVersionId: v1, payload: box(5), status: 'draft', at: 31 });
    const answers = await submittedForAgreement(db);
    expect(answers.map((a) => [a.sampleId, a.labelerId, a.sampleTags, widthOf(a.payload), a.submittedAt])).toEqual([
      [first, ana, ['night'], 10, 30],
      [first, ben, ['night'], 12, 30],
    ]);

    const decision = { sampleId: first, sourceLabelerId: ana, decidedBy: null, reason: '', guidelineRule: null, guidelineVersionId: v1 };
    await addDecision(db, { ...decision, choice: 'labeler', payload: box(10), at: 40 });
    await addDecision(db, { ...decision, choice: 'edited', payload: box(11), at: 41 });
    expect((await decisionHistory(db, first)).map((d) => [d.revision, d.choice])).toEqual([
      [2, 'edited'],
      [1, 'labeler'],
    ]);
    expect(await currentDecisions(db)).toEqual(new Map([[first, { revision: 2, choice: 'edited' }]]));
    expect(widthOf((await currentGoldLabels(db)).get(first)?.payload)).toBe(11);
  });

  it('re-queues answers under a new guideline version, reopening a repeated request, and freezes published examples', async () => {
    const db = await engine.migratedDatabase();
    const { v1, ana, first } = await project(db);
    await saveAnnotation(db, { sampleId: first, labelerId: ana, guidelineVersionId: v1, payload: box(10), status: 'submitted', at: 1 });
    await writeDraft(db, { bodyMd: '# v2', baseVersion: 1, addresses: ['loose_box'], revision: 1, at: 2 });
    await addDraftExample(db, {
      section: 'boxes',
      polarity: 'do',
      sampleId: first,
      caption: 'tight',
      evidence: { kind: 'transcript', span: { startMs: 0, endMs: 1 }, labels: [] },
      at: 2,
    });
    const [example] = (await readDraft(db))!.examples;
    expect(await updateDraftExample(db, example!.id, { caption: 'tighter' })).toBe(true);

    const v2 = await insertGuidelineVersion(db, { version: 2, bodyMd: '# v2', changelog: 'tighter boxes', publishedAt: 3 });
    await freezeDraftExamples(db, v2);
    expect((await publishedGuideline(db, 2))?.examples).toMatchObject([{ caption: 'tighter', sampleName: 'a.png' }]);
    expect(await updateDraftExample(db, example!.id, { caption: 'changed after publishing' })).toBe(false);

    expect(await requestRelabel(db, [first], v2, 'boxes changed', 4)).toBe(1);
    expect(await findAnnotation(db, first, ana)).toMatchObject({ status: 'draft' });
    await closeRelabels(db, first, ana, 5);
    expect((await openRelabels(db, ana)).size).toBe(0);
    await saveAnnotation(db, { sampleId: first, labelerId: ana, guidelineVersionId: v2, payload: box(9), status: 'submitted', at: 6 });
    expect(await requestRelabel(db, [first], v2, 'asked again', 7)).toBe(1);
    expect(await openRelabels(db, ana)).toEqual(new Map([[first, { version: 2, reason: 'asked again' }]]));

    expect(await lastLabeledVersion(db, ana)).toBe(2);
    await markSeen(db, ana, 1);
    await markSeen(db, ana, 2);
    expect(await seenVersion(db, ana)).toBe(2);
  });
});
