import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectAgreement } from '../../../shared/agreement';
import type { AnnotationForAgreement } from '../../../shared/agreement/types';
import { describeOnEngines } from '../../support/engines';
import { box, goldProject, publishGuideline, RULES_V2, submit } from '../../support/gold-project';
import { TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines('agreement with gold and qualification', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  async function setUp() {
    const host = newHost(tempDir());
    const project = await goldProject(host, join(tempDir(), 'p'), tempDir());
    await host.ok('session.signIn', { method: 'owner' });
    const dana = (await host.ok('labelers.create', { name: 'dana', password: TEST_PASSWORD })).id;
    await host.signInAs(project.sam);
    return { host, dana, ...project };
  }

  it("scores a labeler's answers to checks with the agreement functions themselves, per rule, with an interval", async () => {
    const { host, dana, decidedIds, sam } = await setUp();
    await host.ok('gold.mark', { sampleIds: decidedIds, mark: 'check' });
    await host.ok('gold.configure', { rate: 0.5 });
    await host.ok('assignments.plan', { overlap: 1, seed: 3 });
    await host.signInAs(dana);
    const served = (await host.ok('queue.get', { labelerId: dana })).items.filter((i) => decidedIds.includes(i.sampleId)).map((i) => i.sampleId);
    expect(served.length).toBeGreaterThanOrEqual(4);
    // dana's boxes shrink, more on later checks; gold is ana's 40-wide box.
    const answers = served.map((sampleId, i) => ({ sampleId, payload: box(40 - i * 3) }));
    for (const answer of answers) await submit(host, dana, answer.sampleId, answer.payload);

    await host.signInAs(sam);
    const report = await host.ok('gold.report', {});
    expect(report.labelers.map((l) => l.name)).toEqual(['dana']); // ana and ben were never served a check
    const danas = report.labelers[0]!;
    // The same figures as the agreement functions give on the same pairs, gold as the reference labeler.
    const pairOf = (sampleId: number, payload: AnnotationForAgreement['payload'], labelerId: number): AnnotationForAgreement => ({
      sampleId,
      labelerId,
      guidelineVersion: 2,
      submittedAt: 0,
      sampleTags: [],
      payload,
    });
    const pairs = (ids: number[]) =>
      answers.filter((a) => ids.includes(a.sampleId)).flatMap((a) => [pairOf(a.sampleId, box(40), 0), pairOf(a.sampleId, a.payload, dana)]);
    const direct = projectAgreement(pairs(served), 'bbox');
    expect(danas.overall.figure).toEqual(direct.overall);
    expect(danas.overall.interval).toEqual(direct.overall.interval);
    expect(danas.overall.interval).not.toBeNull();
    expect(danas.perClass).toEqual(direct.perClass);
    expect(danas.perVersion.map((v) => [v.key, v.figure.value])).toEqual([[2, direct.overall.value]]);
    const tight = served.filter((id) => decidedIds.indexOf(id) % 2 === 0);
    const rule = danas.perRule.find((r) => r.rule === '#tight')!;
    expect(rule.figure).toEqual(projectAgreement(pairs(tight), 'bbox').overall);
    // Worst check first: the one answered furthest off.
    expect(danas.perCheck[0]!.sampleId).toBe(answers.at(-1)!.sampleId);

    // Once #tight changes, an answer made under the new version is not judged by a #tight decision from before.
    await publishGuideline(host, RULES_V2.replace('Edge to edge.', 'Edge to edge, shadows left out.'), 'Shadows.');
    await host.signInAs(dana);
    const mine = (await host.ok('annotations.mine', { labelerId: dana, sampleId: tight[0]! }))!;
    await host.ok('annotations.save', { labelerId: dana, sampleId: tight[0]!, payload: box(40), status: 'submitted', baseRevision: mine.revision });
    await host.signInAs(sam);
    const after = (await host.ok('gold.report', {})).labelers[0]!;
    expect(after.perVersion.map((v) => v.key)).toEqual([2]);
    expect(after.perCheck.find((c) => c.sampleId === tight[0])!.score).toBe(danas.perCheck.find((c) => c.sampleId === tight[0])!.score);
  });

  it('gates real work on the qualification set until agreement with gold reaches the threshold', async () => {
    const { host, dana, chen, decidedIds, sam, sampleIds } = await setUp();
    const set = decidedIds.slice(0, 2);
    // chen was at work before the qualification existed.
    await host.signInAs(chen);
    await submit(host, chen, sampleIds[23]!, box(20));
    await host.signInAs(sam);
    await host.ok('gold.mark', { sampleIds: set, mark: 'qualification' });
    await host.ok('gold.configure', { rate: 0, qualification: { threshold: 0.8 } });
    await host.ok('assignments.plan', { overlap: 1, seed: 3 });

    await host.signInAs(dana);
    expect((await host.ok('queue.get', { labelerId: dana })).items.map((i) => i.sampleId)).toEqual(set);
    expect(await host.ok('gold.qualification', { labelerId: dana })).toMatchObject({ state: 'in-progress', attempt: { sampleIds: set, score: null } });
    const refused = await host.fails('annotations.save', { labelerId: dana, sampleId: sampleIds[20]!, payload: box(40), status: 'draft', baseRevision: null });
    expect(refused).toMatchObject({ code: 'failed_precondition' });
    expect(refused.message).toMatch(/qualification set first/);

    // A loose reading of the rule: boxes a quarter of gold's. F1 0 < 80 %.
    await submit(host, dana, set[0]!, box(10));
    expect((await host.ok('gold.qualification', { labelerId: dana })).state).toBe('in-progress');
    await submit(host, dana, set[1]!, box(40));
    const failed = await host.ok('gold.qualification', { labelerId: dana });
    expect(failed).toMatchObject({ state: 'failed', attempt: { score: 0.5 } });
    expect(failed.attempt!.checks).toEqual([
      { sampleId: set[0], score: 0 },
      { sampleId: set[1], score: 1 },
    ]); // what was missed, worst first
    expect(
      (await host.fails('annotations.save', { labelerId: dana, sampleId: sampleIds[20]!, payload: box(40), status: 'draft', baseRevision: null })).code,
    ).toBe('failed_precondition');
    expect((await host.fails('gold.requalify', { labelerId: dana })).code).toBe('forbidden');

    // The SME gives the set again: the answers go back to drafts, and a good attempt opens real work.
    await host.signInAs(sam);
    expect((await host.ok('gold.requalify', { labelerId: dana })).state).toBe('in-progress');
    await host.signInAs(dana);
    expect((await host.ok('queue.get', { labelerId: dana })).items.map((i) => i.status)).toEqual(['draft', 'draft']);
    await submit(host, dana, set[0]!, box(40));
    await submit(host, dana, set[1]!, box(40));
    expect(await host.ok('gold.qualification', { labelerId: dana })).toMatchObject({ state: 'passed', attempt: { score: 1 } });
    const queue = (await host.ok('queue.get', { labelerId: dana })).items;
    expect(queue.length).toBeGreaterThan(2);
    await host.ok('annotations.save', {
      labelerId: dana,
      sampleId: queue.find((i) => !set.includes(i.sampleId))!.sampleId,
      payload: box(40),
      status: 'draft',
      baseRevision: null,
    });

    // chen worked before the set existed: not new, not asked; after a new version, if the SME chose so, everyone is.
    await host.signInAs(sam);
    expect((await host.ok('gold.qualification', { labelerId: chen })).state).toBe('not-required');
    await host.ok('gold.configure', { rate: 0, qualification: { threshold: 0.8, requalifyOnNewVersion: true } });
    await publishGuideline(host, RULES_V2.replace('A car is a car.', 'A van is a car too.'), 'Vans.');
    expect((await host.ok('gold.qualification', { labelerId: chen })).state).toBe('in-progress');
    expect((await host.ok('gold.qualification', { labelerId: dana })).state).toBe('in-progress');
  });
});
