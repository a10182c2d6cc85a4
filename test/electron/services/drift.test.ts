import { join } from 'node:path';
import { expect, it } from 'vitest';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { latestSubmissionTimes } from '../../../electron/db/queries/submission-times';
import { AgreementLedger } from '../../../shared/agreement';
import type { BboxPayload } from '../../../shared/annotation/payload';
import { chartDrift } from '../../../shared/quality/drift-chart';
import { withGoldDrift } from '../../../shared/quality/gold-drift';
import { teamDrift } from '../../../shared/quality/team-drift';
import { describeOnEngines } from '../../support/engines';
import { seedGoldChecks, seedSubmittedWork } from '../../support/seeded-work';
import { TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { simulateBoxLabeling } from '../../support/simulated-labelers';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines('drift per labeler', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  /**
   * A box project labeled by ana, ben and cy (simulated labelers 1–3), whose answers are seeded
   * as submitted, with sam as its SME: ana boxes 6% looser per side from sample `driftFrom` on.
   */
  async function projectWithDrift(name: string, labeling: { samples: number; driftFrom: number; seed: number }) {
    const host = newHost(tempDir());
    const dir = join(tempDir(), 'p');
    await host.ok('projects.create', { dir, name, kind: 'bbox', classes: [{ name: 'object' }] });
    const labelerIds: number[] = [];
    for (const labeler of ['ana', 'ben', 'cy'])
      labelerIds.push((await host.ok('labelers.create', { name: labeler, role: 'labeler', password: TEST_PASSWORD })).id);
    const sme = (await host.ok('labelers.create', { name: 'sam', role: 'sme', password: TEST_PASSWORD })).id;
    const db = await host.openDatabase(dir);
    try {
      await seedSubmittedWork(db.db, simulateBoxLabeling({ ...labeling, labelers: 3, looseness: 0.06 }), { labelerIds });
    } finally {
      await db.close();
    }
    return { host, dir, labelerIds, sme };
  }

  it('flags the labeler whose boxes loosened, first, with the loosened samples behind the flag, and shows it to SMEs only', async () => {
    // Ana boxes looser from her 101st sample on.
    const { host, labelerIds, sme } = await projectWithDrift('Drift', { samples: 160, driftFrom: 100, seed: 3 });

    await host.signInAs(labelerIds[1]!);
    expect((await host.fails('quality.drift', {})).code).toBe('forbidden');

    await host.signInAs(sme);
    const drift = await host.ok('quality.drift', {});
    expect(drift.map((labeler) => [labeler.labelerId, labeler.report.flag !== null])).toEqual([
      [labelerIds[0], true],
      [labelerIds[1], false],
      [labelerIds[2], false],
    ]);
    const [ana] = drift;
    // 160 samples are drawn whole: a point per sample, each standing for itself.
    expect(ana!.report.points).toBe(160);
    expect(ana!.report.curve.map((point) => point.samples)).toEqual(Array(160).fill(1));
    const flag = ana!.report.flag!;
    expect(flag.alarmIndex).toBeGreaterThanOrEqual(100);
    expect(flag.alarmIndex).toBeLessThan(150);
    // The fall's start is drawn where her curve passes that sample; the answers named behind it are her loosened ones.
    expect(flag.startSample).toBe(ana!.report.curve[flag.startIndex]!.sample);
    expect(flag.behind).toBe(160 - flag.startIndex);
    expect(flag.lowest).toHaveLength(12);
    expect(flag.lowest.filter((point) => point.sampleId > 100).length).toBeGreaterThan(0.8 * 12);
    // The same per-sample scores as the dashboard's: ana's agreement on a sample is 1 − her pairs' mean disagreement there.
    const agreement = await host.ok('agreement.project', {});
    // One of the samples after her drift that the dashboard lists among the worst.
    const sample = agreement.worstSamples.find((row) => row.sampleId > 100)!;
    const hers = sample.pairScores.filter((pair) => pair.labelerA === labelerIds[0] || pair.labelerB === labelerIds[0]);
    const expected = 1 - hers.reduce((sum, pair) => sum + pair.score, 0) / hers.length;
    expect(ana!.report.curve.find((point) => point.sampleId === sample.sampleId)!.mean).toBeCloseTo(expected, 10);
  });

  it('answers from the agreement worker what the whole computation answers, after resubmissions and after reopening with the ledger kept', async () => {
    const { host, dir, labelerIds, sme } = await projectWithDrift('Drift kept', { samples: 120, driftFrom: 80, seed: 5 });
    await host.signInAs(sme);
    const first = await host.ok('quality.drift', {});

    // Ben submits ten early samples again (now, after every seeded answer), the last five with his boxes moved.
    const ben = labelerIds[1]!;
    await host.signInAs(ben);
    for (const sampleId of [3, 9, 14, 20, 27, 33, 38, 44, 51, 57]) {
      const mine = (await host.ok('annotations.mine', { labelerId: ben, sampleId }))!;
      const payload = mine.payload as BboxPayload;
      const moved = sampleId > 30 ? { ...payload, boxes: payload.boxes.map((box) => ({ ...box, x1: box.x1 + 12, x2: box.x2 + 12 })) } : payload;
      await host.ok('annotations.save', { labelerId: ben, sampleId, payload: moved, status: 'submitted', baseRevision: mine.revision });
    }
    await host.signInAs(sme);
    const fromWorker = await host.ok('quality.drift', {});

    // The whole computation from the database: every answer measured again, every time read again.
    const check = await host.openDatabase(dir);
    try {
      const options = { iouThreshold: 0.5, normalize: [], bootstrap: false } as const;
      const perSample = AgreementLedger.of('bbox', await submittedForAgreement(check.db), options).snapshot().perSample;
      const expected = chartDrift(withGoldDrift(teamDrift(perSample, await latestSubmissionTimes(check.db)), new Map()));
      expect(fromWorker).toEqual(expected);
      // Ben's resubmissions are his latest points now, which the first answer placed among his early ones.
      const bens = (answer: typeof first) => answer.find((labeler) => labeler.labelerId === ben)!.report.curve.map((point) => point.sampleId);
      expect(bens(fromWorker).slice(-10)).toEqual([3, 9, 14, 20, 27, 33, 38, 44, 51, 57]);
      expect(bens(first).slice(-10)).not.toEqual(bens(fromWorker).slice(-10));
    } finally {
      await check.close();
    }

    // Reopened: the ledger kept by the first request is taken back with the times in its entries, and Ben's samples measured again.
    await host.ok('projects.close', {});
    await host.ok('projects.open', { dir });
    await host.signInAs(sme);
    expect(await host.ok('quality.drift', {})).toEqual(fromWorker);
  });

  it('flags against gold the labeler whose boxes loosened, where peer agreement with one partner cannot say who moved', async () => {
    const host = newHost(tempDir());
    const dir = join(tempDir(), 'p');
    await host.ok('projects.create', { dir, name: 'Gold drift', kind: 'bbox', classes: [{ name: 'object' }] });
    const ana = (await host.ok('labelers.create', { name: 'ana', role: 'labeler', password: TEST_PASSWORD })).id;
    const ben = (await host.ok('labelers.create', { name: 'ben', role: 'labeler', password: TEST_PASSWORD })).id;
    const sam = (await host.ok('labelers.create', { name: 'sam', role: 'sme', password: TEST_PASSWORD })).id;
    // Simulated labeler 3 stands in as sam, whose decisions are the gold labels; every sample is a check served to ana and ben.
    const work = simulateBoxLabeling({ samples: 160, labelers: 3, driftFrom: 100, looseness: 0.06, seed: 3 });
    const db = await host.openDatabase(dir);
    try {
      await seedSubmittedWork(
        db.db,
        work.filter((answer) => answer.labelerId !== 3),
        { labelerIds: [ana, ben] },
      );
      await seedGoldChecks(
        db.db,
        work.filter((answer) => answer.labelerId === 3),
        { smeId: sam, servedTo: [ana, ben] },
      );
    } finally {
      await db.close();
    }

    await host.signInAs(sam);
    const drift = await host.ok('quality.drift', {});
    expect(drift.map((labeler) => [labeler.labelerId, labeler.gold?.flag != null])).toEqual([
      [ana, true],
      [ben, false],
    ]);
    const goldFlag = drift[0]!.gold!.flag!;
    expect(drift[0]!.gold!.points).toBe(160);
    expect(goldFlag.alarmIndex).toBeGreaterThanOrEqual(100);
    expect(goldFlag.alarmIndex).toBeLessThan(150);
    // The same per-check scores as the gold report's.
    const report = await host.ok('gold.report', {});
    const hers = report.labelers.find((labeler) => labeler.labelerId === ana)!.perCheck.find((check) => check.sampleId === 120)!;
    expect(drift[0]!.gold!.curve.find((point) => point.sampleId === 120)!.mean).toBeCloseTo(hers.score, 10);
  });
});
