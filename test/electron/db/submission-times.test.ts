import { expect, it } from 'vitest';
import { saveAnnotation } from '../../../electron/db/queries/annotations';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { latestSubmissionTimes } from '../../../electron/db/queries/submission-times';
import { AgreementLedger } from '../../../shared/agreement';
import { boxProjectWithLabelers } from '../../support/box-project';
import { describeOnEngines } from '../../support/engines';
import { seedSubmittedWork } from '../../support/seeded-work';
import { simulateBoxLabeling } from '../../support/simulated-labelers';

describeOnEngines('each labeler’s latest submission time of each sample', (engine) => {
  it('is the latest submitted save: a draft after it leaves it, a resubmission moves it, a draft alone has none', async () => {
    const db = await engine.migratedDatabase();
    const { labelerIds, guidelineVersionId } = await boxProjectWithLabelers(db, ['ana', 'ben', 'cy']);
    const [ana, ben, cy] = labelerIds as [number, number, number];
    await seedSubmittedWork(db, simulateBoxLabeling({ samples: 3, labelers: 2, seed: 4 }), { labelerIds: [ana, ben] });
    const seeded = await latestSubmissionTimes(db);
    expect(seeded).toHaveLength(6);
    const payload = { v: 1 as const, kind: 'bbox' as const, boxes: [], noObjects: true, flags: { unsure: false, comment: '', mediaBroken: false }, tags: [] };
    const save = (sampleId: number, labelerId: number, status: 'draft' | 'submitted', at: number) =>
      saveAnnotation(db, { sampleId, labelerId, guidelineVersionId, payload, status, at });

    const later = Math.max(...seeded.map((s) => s.submittedAt));
    await save(1, ana, 'draft', later + 1_000); // a draft after her submission
    await save(2, ben, 'submitted', later + 2_000); // a resubmission
    await save(2, ben, 'draft', later + 3_000); // and a draft after that
    await save(3, cy, 'draft', later + 4_000); // a draft and never a submission

    const times = await latestSubmissionTimes(db);
    const before = (sampleId: number, labelerId: number) => seeded.find((s) => s.sampleId === sampleId && s.labelerId === labelerId)!.submittedAt;
    expect(times.find((s) => s.sampleId === 1 && s.labelerId === ana)!.submittedAt).toBe(before(1, ana));
    expect(times.find((s) => s.sampleId === 2 && s.labelerId === ben)!.submittedAt).toBe(later + 2_000);
    expect(times.some((s) => s.labelerId === cy)).toBe(false);
    // In sample then labeler order, as the annotations' own record of their last submission says.
    const annotations = await db
      .selectFrom('annotation')
      .select(['sample_id as sampleId', 'labeler_id as labelerId', 'submitted_at as submittedAt'])
      .where('submitted_at', 'is not', null)
      .orderBy('sample_id')
      .orderBy('labeler_id')
      .execute();
    expect(times).toEqual(annotations.map((row) => ({ ...row, submittedAt: Number(row.submittedAt) })));

    // The agreement ledger dates each compared labeler's answer by the same time (what drift reads).
    const kept: typeof times = [];
    AgreementLedger.of('bbox', await submittedForAgreement(db)).forEachPeerRecord((sampleId, labelers, record) => {
      for (let at = 0; at < labelers; at++) kept.push({ sampleId, labelerId: record[at]!, submittedAt: record[labelers + at]! });
    });
    expect(kept.sort((x, y) => x.sampleId - y.sampleId || x.labelerId - y.labelerId)).toEqual(times);
  });
});
