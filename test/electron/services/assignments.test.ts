import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../support/engines';
import { emptyPayload } from '../../../shared/annotation/empty-payload';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, useServiceHost, TEST_PASSWORD } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines('overlapping assignment', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  async function setUp(samples = 10) {
    const media = tempDir();
    for (let i = 0; i < samples; i++) await writeImage(join(media, `s${String(i).padStart(2, '0')}.png`), 'png', 8, 8, i + 1);
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, media);
    const [ana, ben, chen] = [
      await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD }),
      await host.ok('labelers.create', { name: 'ben', password: TEST_PASSWORD }),
      await host.ok('labelers.create', { name: 'chen', password: TEST_PASSWORD }),
    ];
    const sam = await host.ok('labelers.create', { name: 'sam', role: 'sme', password: TEST_PASSWORD });
    // The SME plans and can look at everyone's queue; labelers sign in to do their own work.
    await host.signInAs(sam.id);
    const as = (labelerId: number) => host.signInAs(labelerId);
    return { host, as, ana: ana.id, ben: ben.id, chen: chen.id, sam: sam.id };
  }

  it('gives calibration samples to everyone and every other sample to k labelers, balanced; queues follow the plan', async () => {
    const { host, ana, sam } = await setUp();
    const before = await host.ok('queue.get', { labelerId: ana });
    expect(before.items).toHaveLength(10); // no plan yet: everything

    const summary = await host.ok('assignments.plan', { overlap: 2, calibrationCount: 2, seed: 5 });
    expect(summary.calibrationSampleIds).toHaveLength(2);
    expect(summary.unassignedSamples).toBe(0);
    const loads = summary.labelers.map((l) => l.assigned);
    expect(summary.labelers.map((l) => l.name)).toEqual(['ana', 'ben', 'chen']); // the SME labels nothing
    expect(loads.reduce((a, b) => a + b, 0)).toBe(2 * 3 + 8 * 2);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);

    const queue = await host.ok('queue.get', { labelerId: ana });
    expect(queue.items.length).toBe(summary.labelers.find((l) => l.name === 'ana')!.assigned);
    expect(queue.items.map((i) => i.displayName).slice(0, 2)).toEqual(['s00.png', 's01.png']); // calibration, in queue order
    expect((await host.ok('queue.get', { labelerId: sam })).items).toEqual([]);

    // The same settings and seed give the same plan.
    const again = await host.ok('assignments.plan', { overlap: 2, calibrationCount: 2, seed: 5 });
    expect(again.labelers).toEqual(summary.labelers);
  });

  it('rebalances unstarted work when a labeler joins, never moving work already started', async () => {
    const { host, as, ana, sam } = await setUp();
    await host.ok('assignments.plan', { overlap: 2, seed: 1 });
    const anaQueue = await host.ok('queue.get', { labelerId: ana });
    const started = anaQueue.items.slice(0, 3).map((i) => i.sampleId);
    await as(ana);
    expect((await host.fails('assignments.plan', { overlap: 3 })).code).toBe('forbidden');
    for (const sampleId of started)
      await host.ok('annotations.save', { labelerId: ana, sampleId, payload: emptyPayload('bbox'), status: 'draft', baseRevision: null });
    await host.ok('session.signIn', { method: 'owner' }); // accounts are made by an admin

    const dana = await host.ok('labelers.create', { name: 'dana', password: TEST_PASSWORD });
    await as(sam);
    const summary = (await host.ok('assignments.summary', {}))!;
    expect(summary.labelers.find((l) => l.name === 'dana')!.assigned).toBeGreaterThanOrEqual(4); // 20 assignments over 4 labelers
    expect(summary.labelers.reduce((sum, l) => sum + l.assigned, 0)).toBe(20);
    const anaAfter = (await host.ok('queue.get', { labelerId: ana })).items;
    for (const sampleId of started) expect(anaAfter.find((i) => i.sampleId === sampleId)?.status).toBe('draft');
    expect((await host.ok('queue.get', { labelerId: dana.id })).items.length).toBe(summary.labelers.find((l) => l.name === 'dana')!.assigned);
  });

  it('lets a sample be moved by hand, except work already started or to someone who has it', async () => {
    const { host, as, ana, ben, chen, sam } = await setUp(6);
    await host.ok('assignments.plan', { overlap: 2, seed: 3 });
    const anaItems = (await host.ok('queue.get', { labelerId: ana })).items;
    const benItems = new Set((await host.ok('queue.get', { labelerId: ben })).items.map((i) => i.sampleId));
    const chenItems = new Set((await host.ok('queue.get', { labelerId: chen })).items.map((i) => i.sampleId));
    const movable = anaItems.find((i) => !benItems.has(i.sampleId))!.sampleId;

    await host.ok('assignments.reassign', { sampleId: movable, from: ana, to: ben });
    expect((await host.ok('queue.get', { labelerId: ben })).items.map((i) => i.sampleId)).toContain(movable);
    expect((await host.ok('queue.get', { labelerId: ana })).items.map((i) => i.sampleId)).not.toContain(movable);

    const shared = [...benItems].find((id) => chenItems.has(id));
    const started = (await host.ok('queue.get', { labelerId: ana })).items[0]!.sampleId;
    await as(ana);
    await host.ok('annotations.save', { labelerId: ana, sampleId: started, payload: emptyPayload('bbox'), status: 'draft', baseRevision: null });
    await as(sam);
    expect(await host.fails('assignments.reassign', { sampleId: started, from: ana, to: chen === ana ? ben : chen })).toMatchObject({ code: 'conflict' });
    if (shared !== undefined) expect((await host.fails('assignments.reassign', { sampleId: shared, from: ben, to: chen })).code).toBe('conflict');
    expect((await host.fails('assignments.reassign', { sampleId: movable, from: ana, to: chen })).code).toBe('not_found');
  });
});
