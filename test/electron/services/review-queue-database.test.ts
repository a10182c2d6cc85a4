import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../../../electron/generate/make-project';
import { describeOnEngines } from '../../support/engines';
import { expectKeptEqualsComputed } from '../../support/kept-review-queue';
import { openDemoAs, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines('the Review queue kept in the project database', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  it('answers what classifying every answer would, after submissions, decisions, tags and relabels', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const { dir } = (await host.ok('projects.current', {}))!;
    await expectKeptEqualsComputed(host, dir, 'bbox');

    // Chen submits the astronaut draft, the SME decides the most severe sample, a tag is added and samples go back for relabeling.
    const samples = (await host.ok('samples.list', {})).items;
    const astronaut = samples.find((s) => s.displayName === 'astronaut.jpg')!.id;
    const chen = labelers.get('chen')!;
    await host.signInAs(chen);
    const draft = (await host.ok('annotations.mine', { labelerId: chen, sampleId: astronaut }))!;
    await host.ok('annotations.save', { labelerId: chen, sampleId: astronaut, status: 'submitted', baseRevision: draft.revision, payload: draft.payload });
    await host.signInAs(labelers.get('sam')!);
    const top = (await host.ok('review.queue', { limit: 1 })).items[0]!;
    const evidence = await host.ok('review.sample', { sampleId: top.sampleId });
    await host.ok('review.decide', { sampleId: top.sampleId, choice: 'consensus', baseRevision: null, answersSeenAt: evidence.answersAt });
    const queued = (await host.ok('review.queue', {})).items.map((item) => item.sampleId);
    await host.ok('samples.tag', { sampleIds: queued.slice(0, 2), tag: 'night' });
    await host.ok('samples.relabel', { selection: { ids: queued.slice(-2) }, reason: 'boxes too loose' });
    const tagged = await host.ok('review.queue', { filters: { tag: 'night' } });
    expect(tagged.items.map((item) => item.sampleId).sort()).toEqual(queued.slice(0, 2).sort());
    await expectKeptEqualsComputed(host, dir, 'bbox');

    // Reopened, it answers the same without classifying anything again.
    const before = await host.ok('review.queue', {});
    await host.ok('projects.close', {});
    await host.ok('projects.open', { dir });
    await host.signInAs(labelers.get('sam')!);
    expect(await host.ok('review.queue', {})).toEqual(before);
  });
});

// The generator writes a project file (SQLite); the demo above runs on both engines.
describe('the Review queue of a generated project', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('equals the classified queue, before and after a labeler resubmits', async () => {
    const dataDir = tempDir();
    const made = await makeProject({ kind: 'bbox', samples: 40, labelers: 3, boxes: 4, seed: 7, out: join(tempDir(), 'generated'), dataDir });
    const host = newHost(dataDir);
    await host.ok('projects.open', { dir: made.projectDir, readOnly: false });
    await expectKeptEqualsComputed(host, made.projectDir, 'bbox');
    const labeler = made.labelers[1]!;
    const sampleId = (await host.ok('samples.list', { limit: 1 })).items[0]!.id;
    const window = host.connection();
    await window.ok('session.signIn', { method: 'password', name: labeler.name, password: 'concord-labeler' });
    const mine = (await window.ok('annotations.mine', { labelerId: labeler.id, sampleId }))!;
    const payload = mine.payload.kind === 'bbox' ? { ...mine.payload, boxes: mine.payload.boxes.slice(1) } : mine.payload;
    await window.ok('annotations.save', { labelerId: labeler.id, sampleId, status: 'submitted', baseRevision: mine.revision, payload });
    await expectKeptEqualsComputed(host, made.projectDir, 'bbox');
  });
});
