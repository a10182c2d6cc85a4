import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../support/engines';
import { box, goldProject, publishGuideline, RULES_V2, submit } from '../../support/gold-project';
import { TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines('gold checks', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  async function setUp() {
    const host = newHost(tempDir());
    const project = await goldProject(host, join(tempDir(), 'p'), tempDir());
    // chen answered two decided samples before they became checks: his own work, never a check for him.
    await host.signInAs(project.chen);
    await submit(host, project.chen, project.decidedIds[0]!, box(36));
    await submit(host, project.chen, project.decidedIds[1]!, box(36));
    await host.signInAs(project.sam);
    return { host, ...project };
  }

  it('marks only decided samples, and serves checks at the rate, never a sample the labeler answered before', async () => {
    const { host, ana, chen, sam, sampleIds, decidedIds } = await setUp();
    const undecided = await host.fails('gold.mark', { sampleIds: [decidedIds[0]!, sampleIds[20]!], mark: 'check' });
    expect(undecided).toMatchObject({ code: 'failed_precondition', issues: [{ path: 'sampleIds' }] });
    expect(undecided.message).toContain(`sample ${sampleIds[20]} has no decision`);
    expect((await host.ok('gold.checks', {})).checks).toEqual([]); // nothing marked by a refused call

    const marked = await host.ok('gold.mark', { sampleIds: decidedIds, mark: 'check' });
    expect(marked.checks.map((c) => [c.sampleId, c.rule, c.retiredIn])).toEqual(decidedIds.map((id, i) => [id, i % 2 === 0 ? '#tight' : '#classes', null]));
    await host.ok('gold.configure', { rate: 0.2 });
    await host.ok('assignments.plan', { overlap: 1, seed: 3 });
    const summary = (await host.ok('assignments.summary', {}))!;
    const assignedTo = (labelerId: number) => summary.labelers.find((l) => l.labelerId === labelerId)!.assigned;

    const chenItems = (await host.ok('queue.get', { labelerId: chen })).items;
    const chenQueue = chenItems.map((i) => i.sampleId);
    // 20 % of the queue: round(0.2 · assigned / 0.8) checks beside the assigned samples (his two answers among those).
    const served = chenQueue.length - assignedTo(chen);
    expect(served).toBe(Math.round((0.2 * assignedTo(chen)) / 0.8));
    expect(served).toBeGreaterThan(0);
    const checksOfChen = chenItems.filter((i) => decidedIds.includes(i.sampleId));
    expect(checksOfChen.filter((i) => i.status === 'submitted').map((i) => i.sampleId)).toEqual(decidedIds.slice(0, 2)); // his own, kept as his work
    expect(checksOfChen.filter((i) => i.status === 'todo')).toHaveLength(served); // every served check is new to him
    expect(chenQueue).toEqual([...chenQueue].sort((a, b) => a - b));

    // ana answered every check (hers were the decisions): none is served to her.
    const anaQueue = (await host.ok('queue.get', { labelerId: ana })).items;
    expect(anaQueue.filter((i) => decidedIds.includes(i.sampleId)).every((i) => i.status === 'submitted')).toBe(true);
    expect(anaQueue.length).toBe(assignedTo(ana));

    // The same labeler gets the same checks on every read.
    expect((await host.ok('queue.get', { labelerId: chen })).items.map((i) => i.sampleId)).toEqual(chenQueue);
    expect(sam).toBeGreaterThan(0);
  });

  it('sends a labeler checks indistinguishable from ordinary work: same keys in the same order, no field, no order', async () => {
    const { host, decidedIds, sam } = await setUp();
    await host.ok('session.signIn', { method: 'owner' });
    const dana = (await host.ok('labelers.create', { name: 'dana', password: TEST_PASSWORD })).id;
    await host.signInAs(sam);
    await host.ok('gold.mark', { sampleIds: decidedIds, mark: 'check' });
    await host.ok('gold.configure', { rate: 0.3, feedback: true });
    await host.ok('assignments.plan', { overlap: 1, seed: 3 });

    await host.signInAs(dana);
    const queue = await host.ok('queue.get', { labelerId: dana });
    const checks = queue.items.filter((i) => decidedIds.includes(i.sampleId));
    const ordinary = queue.items.filter((i) => !decidedIds.includes(i.sampleId));
    expect(checks.length).toBeGreaterThan(0);
    expect(ordinary.length).toBeGreaterThan(0);
    const keysOf = (value: object) => JSON.stringify(Object.keys(value));
    expect(new Set(queue.items.map(keysOf))).toEqual(new Set([keysOf(ordinary[0]!)]));
    expect(queue.items.map((i) => i.sampleId)).toEqual(queue.items.map((i) => i.sampleId).sort((a, b) => a - b));
    expect(new Set(queue.items.map((i) => i.status))).toEqual(new Set(['todo']));

    // The sample, the labeler's annotation and the feedback say nothing before an answer is in.
    const check = checks[0]!.sampleId;
    const plain = ordinary[0]!.sampleId;
    const [checkSample, plainSample] = [await host.ok('samples.get', { sampleId: check }), await host.ok('samples.get', { sampleId: plain })];
    expect(keysOf(checkSample)).toBe(keysOf(plainSample));
    expect([checkSample.status, checkSample.annotationCount]).toEqual([plainSample.status, plainSample.annotationCount]);
    expect(await host.ok('annotations.mine', { labelerId: dana, sampleId: check })).toBeNull();
    expect(await host.ok('gold.feedback', { labelerId: dana, sampleId: check })).toBeNull();
    // Submitting either answers the same way.
    await host.signInAs(dana);
    await submit(host, dana, check, box(40));
    await submit(host, dana, plain, box(40));
    const [savedCheck, savedPlain] = [
      await host.ok('annotations.mine', { labelerId: dana, sampleId: check }),
      await host.ok('annotations.mine', { labelerId: dana, sampleId: plain }),
    ];
    expect(keysOf(savedCheck!)).toBe(keysOf(savedPlain!));

    // Once answered, a check teaches (feedback is on): gold beside the answer, the rule, the differences named.
    expect(await host.ok('gold.feedback', { labelerId: dana, sampleId: plain })).toBeNull();
    const lesson = (await host.ok('gold.feedback', { labelerId: dana, sampleId: check }))!;
    const decided = decidedIds.indexOf(check);
    expect(lesson.rule).toMatchObject(decided % 2 === 0 ? { anchor: 'tight', title: 'Tight boxes' } : { anchor: 'classes', title: 'Classes' });
    expect(lesson.rule!.markdown).toContain(decided % 2 === 0 ? 'Edge to edge.' : 'A car is a car.');
    expect([lesson.gold, lesson.mine]).toEqual([box(40), box(40)]);
    expect(lesson.differences).toEqual([]);
    expect((await host.fails('gold.checks', {})).code).toBe('forbidden');
  });

  it('retires a check when a later guideline changes the rule it cites, and serves it to nobody', async () => {
    const { host, chen, decidedIds } = await setUp();
    await host.ok('gold.mark', { sampleIds: decidedIds, mark: 'check' });
    await host.ok('gold.configure', { rate: 0.5 });
    await host.ok('assignments.plan', { overlap: 1, seed: 3 });
    // #tight changes; #classes reads as before.
    await publishGuideline(host, RULES_V2.replace('Edge to edge.', 'Edge to edge, shadows left out.'), 'Shadows.');
    const checks = (await host.ok('gold.checks', {})).checks;
    expect(checks.filter((c) => c.rule === '#tight').map((c) => c.retiredIn)).toEqual(Array(5).fill(3));
    expect(checks.filter((c) => c.rule === '#classes').map((c) => c.retiredIn)).toEqual(Array(5).fill(null));

    const retired = new Set(checks.filter((c) => c.retiredIn !== null).map((c) => c.sampleId));
    const chenQueue = (await host.ok('queue.get', { labelerId: chen })).items;
    expect(chenQueue.filter((i) => retired.has(i.sampleId) && i.status === 'todo')).toEqual([]);

    // A new decision under v3 brings the check back.
    const tight = [...retired][0]!;
    const seen = await host.ok('review.sample', { sampleId: tight });
    await host.ok('review.decide', { sampleId: tight, choice: 'consensus', guidelineRule: '#tight', baseRevision: 1, answersSeenAt: seen.answersAt });
    expect((await host.ok('gold.checks', {})).checks.find((c) => c.sampleId === tight)).toMatchObject({ decidedUnder: 3, retiredIn: null });
  });
});
