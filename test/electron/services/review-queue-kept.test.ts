import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readReviewQueueFile, writeReviewQueueFile } from '../../../electron/workers/review-queue-file';
import { describeOnEngines } from '../../support/engines';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/**
 * The queue at the Review area's threshold is kept in the project database (see
 * review-queue-database.test.ts); a queue at any other threshold an SME asks for is kept here.
 */
const IOU = 0.7;

/** The review queue files a project keeps in its cache folder. */
function keptFiles(dir: string): string[] {
  const cache = join(dir, 'cache');
  return existsSync(cache)
    ? readdirSync(cache)
        .filter((name) => name.startsWith('review-queue-'))
        .map((name) => join(cache, name))
    : [];
}

/** Changes what the kept file says of one sample's severity, as no classification would. */
async function rewriteSeverity(file: string, sampleId: number, severity: number): Promise<void> {
  const samples = await readReviewQueueFile(file, 'bbox', IOU);
  samples.find((sample) => sample.sampleId === sampleId)!.severity = severity;
  await writeReviewQueueFile(file, { kind: 'bbox', iouThreshold: IOU, samples });
}

async function reopen(host: TestHost, dir: string, labelerId: number): Promise<void> {
  await host.ok('projects.close', {});
  await host.ok('projects.open', { dir });
  await host.signInAs(labelerId);
}

describeOnEngines('the review queue of another IoU threshold, kept between sessions', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  it('answers the same queue after reopening, from the queue kept in the cache folder', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const { dir } = (await host.ok('projects.current', {}))!;
    const before = await host.ok('review.queue', { iouThreshold: IOU });
    await reopen(host, dir, labelers.get('sam')!);
    const [file] = keptFiles(dir);
    expect(file).toBeDefined();
    expect((await readReviewQueueFile(file!, 'bbox', IOU)).length).toBeGreaterThan(0);
    expect(await host.ok('review.queue', { iouThreshold: IOU })).toEqual(before);

    // What the file says is what the queue shows: nothing is classified again while its answers are unchanged.
    const top = before.items[0]!.sampleId;
    await rewriteSeverity(file!, top, 0);
    await reopen(host, dir, labelers.get('sam')!);
    expect((await host.ok('review.queue', { iouThreshold: IOU })).items.at(-1)!.sampleId).toBe(top);
  });

  it('classifies again exactly the sample whose answers changed in a session that never read the queue', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const { dir } = (await host.ok('projects.current', {}))!;
    const astronaut = (await host.ok('samples.list', {})).items.find((s) => s.displayName === 'astronaut.jpg')!.id;
    const before = await host.ok('review.queue', { iouThreshold: IOU, filters: { type: 'class_mismatch' } });
    expect(before.items.map((item) => item.sampleId)).not.toContain(astronaut);
    // A mark no classification would make on another sample: if it survives, that sample was not classified again.
    const whole = await host.ok('review.queue', { iouThreshold: IOU });
    const other = whole.items.find((item) => item.sampleId !== astronaut)!;
    await host.ok('projects.close', {});
    const [file] = keptFiles(dir);
    await rewriteSeverity(file!, other.sampleId, 0.123);
    await host.ok('projects.open', { dir });

    // Chen submits the astronaut draft that calls the shuttle a "vehicle"; nobody opens Review meanwhile.
    const chen = labelers.get('chen')!;
    await reopen(host, dir, chen);
    const draft = (await host.ok('annotations.mine', { labelerId: chen, sampleId: astronaut }))!;
    await host.ok('annotations.save', { labelerId: chen, sampleId: astronaut, status: 'submitted', baseRevision: draft.revision, payload: draft.payload });

    await reopen(host, dir, labelers.get('sam')!);
    const after = await host.ok('review.queue', { iouThreshold: IOU, filters: { type: 'class_mismatch' } });
    expect(after.items.map((item) => item.sampleId)).toContain(astronaut);
    const kept = (await host.ok('review.queue', { iouThreshold: IOU })).items;
    expect(kept.find((item) => item.sampleId === other.sampleId)!.severity).toBe(0.123);
    // The changed sample was classified as a fresh build classifies it (the same answers, nothing kept).
    await host.ok('projects.close', {});
    rmSync(file!);
    await host.ok('projects.open', { dir });
    await host.signInAs(labelers.get('sam')!);
    const fresh = (await host.ok('review.queue', { iouThreshold: IOU })).items;
    expect(kept.find((item) => item.sampleId === astronaut)).toEqual(fresh.find((item) => item.sampleId === astronaut));
  });

  it('builds the queue from the annotations when the kept file is damaged, and keeps a sound one again', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const { dir } = (await host.ok('projects.current', {}))!;
    const before = await host.ok('review.queue', { iouThreshold: IOU });
    await host.ok('projects.close', {});
    const [file] = keptFiles(dir);
    const kept = JSON.parse(readFileSync(file!, 'utf8')) as { data: unknown[] };
    const keptSamples = (await readReviewQueueFile(file!, 'bbox', IOU)).length;
    kept.data[kept.data.length - 1] = 'many'; // the last sample's last share count
    writeFileSync(file!, JSON.stringify(kept));

    await host.ok('projects.open', { dir });
    await host.signInAs(labelers.get('sam')!);
    expect(await host.ok('review.queue', { iouThreshold: IOU })).toEqual(before);
    await host.ok('projects.close', {});
    expect((await readReviewQueueFile(file!, 'bbox', IOU)).length).toBe(keptSamples);

    writeFileSync(file!, '{ not json');
    await host.ok('projects.open', { dir });
    await host.signInAs(labelers.get('sam')!);
    expect(await host.ok('review.queue', { iouThreshold: IOU })).toEqual(before);
  });
});
