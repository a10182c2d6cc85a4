import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readReviewQueueFile } from '../../../electron/workers/review-queue-file';
import { describeOnEngines } from '../../support/engines';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/** The review queue files a project keeps in its cache folder. */
function keptFiles(dir: string): string[] {
  const cache = join(dir, 'cache');
  return existsSync(cache)
    ? readdirSync(cache)
        .filter((name) => name.startsWith('review-queue-'))
        .map((name) => join(cache, name))
    : [];
}

async function reopen(host: TestHost, dir: string, labelerId: number): Promise<void> {
  await host.ok('projects.close', {});
  await host.ok('projects.open', { dir });
  await host.signInAs(labelerId);
}

describeOnEngines('the review queue kept between sessions', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  it('answers the same queue after reopening, from the queue kept in the cache folder', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const { dir } = (await host.ok('projects.current', {}))!;
    const before = await host.ok('review.queue', {});
    await reopen(host, dir, labelers.get('sam')!);
    const [file] = keptFiles(dir);
    expect(file).toBeDefined();
    expect((await readReviewQueueFile(file!, 'bbox', 0.5)).length).toBeGreaterThan(0);
    expect(await host.ok('review.queue', {})).toEqual(before);

    // What the file says is what the queue shows: nothing is classified again while its answers are unchanged.
    const kept = JSON.parse(readFileSync(file!, 'utf8')) as { samples: Array<{ sampleId: number; severity: number }> };
    const top = before.items[0]!.sampleId;
    kept.samples.find((sample) => sample.sampleId === top)!.severity = 0;
    writeFileSync(file!, JSON.stringify(kept));
    await reopen(host, dir, labelers.get('sam')!);
    expect((await host.ok('review.queue', {})).items.at(-1)!.sampleId).toBe(top);
  });

  it('classifies again a sample whose answers changed in a session that never read the queue', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const { dir } = (await host.ok('projects.current', {}))!;
    const astronaut = (await host.ok('samples.list', {})).items.find((s) => s.displayName === 'astronaut.jpg')!.id;
    const before = await host.ok('review.queue', { filters: { type: 'class_mismatch' } });
    expect(before.items.map((item) => item.sampleId)).not.toContain(astronaut);

    // Chen submits the astronaut draft that calls the shuttle a "vehicle"; nobody opens Review meanwhile.
    const chen = labelers.get('chen')!;
    await reopen(host, dir, chen);
    const draft = (await host.ok('annotations.mine', { labelerId: chen, sampleId: astronaut }))!;
    await host.ok('annotations.save', { labelerId: chen, sampleId: astronaut, status: 'submitted', baseRevision: draft.revision, payload: draft.payload });

    await reopen(host, dir, labelers.get('sam')!);
    const after = await host.ok('review.queue', { filters: { type: 'class_mismatch' } });
    expect(after.items.map((item) => item.sampleId)).toContain(astronaut);
  });

  it('builds the queue from the annotations when the kept file is damaged, and keeps a sound one again', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const { dir } = (await host.ok('projects.current', {}))!;
    const before = await host.ok('review.queue', {});
    await host.ok('projects.close', {});
    const [file] = keptFiles(dir);
    const kept = JSON.parse(readFileSync(file!, 'utf8')) as { samples: Array<{ entry: { counts: Array<{ count: unknown }> } }> };
    kept.samples[0]!.entry.counts[0]!.count = 'many';
    writeFileSync(file!, JSON.stringify(kept));

    await host.ok('projects.open', { dir });
    await host.signInAs(labelers.get('sam')!);
    expect(await host.ok('review.queue', {})).toEqual(before);
    await host.ok('projects.close', {});
    expect((await readReviewQueueFile(file!, 'bbox', 0.5)).length).toBe(kept.samples.length);

    writeFileSync(file!, '{ not json');
    await host.ok('projects.open', { dir });
    await host.signInAs(labelers.get('sam')!);
    expect(await host.ok('review.queue', {})).toEqual(before);
  });
});
