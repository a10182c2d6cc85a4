import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../support/engines';
import { seedSubmittedWork } from '../../support/seeded-work';
import { TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { simulateBoxLabeling } from '../../support/simulated-labelers';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines('team throughput', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  it("counts each labeler's first submissions per day and times their samples; a resubmission is not new work", async () => {
    const host = newHost(tempDir());
    const dir = join(tempDir(), 'p');
    await host.ok('projects.create', { dir, name: 'Pace', kind: 'bbox', classes: [{ name: 'object' }] });
    const labelerIds: number[] = [];
    for (const name of ['ana', 'ben']) labelerIds.push((await host.ok('labelers.create', { name, role: 'labeler', password: TEST_PASSWORD })).id);
    // 30 samples, one an hour from Monday 00:00 UTC: 24 on Monday, 6 on Tuesday. Ana takes 20 s + 1 s per sample id, ben 45 s each.
    const db = await host.openDatabase(dir);
    try {
      await seedSubmittedWork(db.db, simulateBoxLabeling({ samples: 30, labelers: 2, seed: 1 }), {
        labelerIds,
        timeSpentMs: (a) => (a.labelerId === 1 ? 20_000 + a.sampleId * 1000 : 45_000),
      });
    } finally {
      await db.close();
    }
    await host.signInAs(labelerIds[0]!);
    expect((await host.fails('team.throughput', {})).code).toBe('forbidden');
    // Ana submits sample 1 again: still one sample, first submitted on Monday.
    const mine = (await host.ok('annotations.mine', { labelerId: labelerIds[0]!, sampleId: 1 }))!;
    await host.ok('annotations.save', { labelerId: labelerIds[0]!, sampleId: 1, payload: mine.payload, status: 'submitted', baseRevision: mine.revision });

    await host.ok('session.signIn', { method: 'owner' });
    const [ana, ben] = await host.ok('team.throughput', {});
    expect(ana).toMatchObject({
      labelerId: labelerIds[0],
      submitted: 30,
      perDay: [
        { day: '2026-11-02', samples: 24 },
        { day: '2026-11-03', samples: 6 },
      ],
      timed: 30,
      medianMs: 35_000,
      p90Ms: 47_000,
    });
    expect(ana!.slowest[0]).toEqual({ sampleId: 30, timeSpentMs: 50_000 });
    expect(ben).toMatchObject({ labelerId: labelerIds[1], submitted: 30, medianMs: 45_000, p90Ms: 45_000 });
  });
});
