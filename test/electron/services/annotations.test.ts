import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import type { BboxPayload } from '../../../shared/annotation/payload';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, useServiceHost, TEST_PASSWORD } from '../../support/service-host';
import { describeOnEngines } from '../../support/engines';
import { useTempDirs } from '../../support/temp-dir';

const boxes = (list: BboxPayload['boxes'], extra: Partial<BboxPayload> = {}): BboxPayload => ({
  v: 1,
  kind: 'bbox',
  boxes: list,
  noObjects: false,
  flags: { unsure: false, comment: '', mediaBroken: false },
  tags: [],
  ...extra,
});

describeOnEngines('labeling a sample', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  async function setUp() {
    const media = tempDir();
    await writeImage(join(media, 'a.png'), 'png', 640, 480, 1);
    await writeImage(join(media, 'b.png'), 'png', 100, 50, 2);
    const host = newHost(tempDir());
    const project = await host.ok('projects.create', {
      dir: join(tempDir(), 'p'),
      name: 'P',
      kind: 'bbox',
      classes: [{ name: 'car' }, { name: 'person' }],
      tags: [{ name: 'blurry' }],
    });
    await importAndWait(host, media);
    const ana = await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    await host.signInAs(ana.id);
    const queue = await host.ok('queue.get', { labelerId: ana.id });
    const [car, person] = project.classes;
    return { host, project, ana, a: queue.items[0]!.sampleId, b: queue.items[1]!.sampleId, car: car!.id, person: person!.id };
  }

  it('saves drafts as revisions, then a submission, all under the current guideline version', async () => {
    const { host, project, ana, a, car } = await setUp();
    expect(await host.ok('annotations.mine', { labelerId: ana.id, sampleId: a })).toBeNull();

    const first = await host.ok('annotations.save', {
      labelerId: ana.id,
      sampleId: a,
      status: 'draft',
      baseRevision: null,
      timeSpentMs: 1200,
      payload: boxes([{ id: 'b1', classId: car, x1: 10.5, y1: 20, x2: 110, y2: 220.25 }]),
    });
    expect(first).toMatchObject({ revision: 1, status: 'draft', guidelineVersion: 1, timeSpentMs: 1200, submittedAt: null });

    const second = await host.ok('annotations.save', {
      labelerId: ana.id,
      sampleId: a,
      status: 'submitted',
      baseRevision: 1,
      timeSpentMs: 800,
      payload: boxes([{ id: 'b1', classId: car, x1: 10.5, y1: 20, x2: 110, y2: 220.25 }], { tags: ['blurry'] }),
    });
    expect(second).toMatchObject({ revision: 2, status: 'submitted', timeSpentMs: 2000, submittedAt: expect.any(String) });
    // The save answers with the annotation exactly as a fresh read finds it.
    expect(await host.ok('annotations.mine', { labelerId: ana.id, sampleId: a })).toEqual(second);

    const queue = await host.ok('queue.get', { labelerId: ana.id });
    expect(queue.items.map((i) => i.status)).toEqual(['submitted', 'todo']);
    expect(queue.counts).toEqual({ todo: 1, draft: 0, submitted: 1 });

    await host.ok('projects.close', {});
    const connection = await host.openDatabase(project.dir);
    const revisions = await connection.db.selectFrom('annotation_revision').select(['revision', 'status', 'payload_json']).orderBy('revision').execute();
    await connection.close();
    expect(revisions.map((r) => [r.revision, r.status])).toEqual([
      [1, 'draft'],
      [2, 'submitted'],
    ]);
    expect(JSON.parse(revisions[0]!.payload_json).tags).toEqual([]);
  });

  it('sends a window on the queue: where work is left first, then around any position, with the whole queue counted', async () => {
    const { host, ana, a, b } = await setUp();
    expect(await host.ok('queue.window', { labelerId: ana.id })).toMatchObject({
      position: 0,
      start: 0,
      total: 2,
      counts: { todo: 2, draft: 0, submitted: 0 },
      items: [{ sampleId: a }, { sampleId: b }],
    });
    await host.ok('annotations.save', { labelerId: ana.id, sampleId: a, status: 'submitted', baseRevision: null, payload: boxes([]) });
    const afterSubmission = await host.ok('queue.window', { labelerId: ana.id, before: 0, after: 0 });
    expect(afterSubmission).toMatchObject({ position: 1, start: 1, total: 2, counts: { todo: 1, submitted: 1 }, items: [{ sampleId: b }] });
    expect(await host.ok('queue.window', { labelerId: ana.id, around: 0, before: 0, after: 0 })).toMatchObject({
      position: 0,
      items: [{ sampleId: a, status: 'submitted' }],
    });
    // The queue is the labeler's own, as queue.get's is.
    await host.ok('session.signIn', { method: 'owner' }); // accounts are made by an admin
    const ben = await host.ok('labelers.create', { name: 'ben', password: TEST_PASSWORD });
    await host.signInAs(ben.id);
    expect((await host.fails('queue.window', { labelerId: ana.id })).code).toBe('forbidden');
  });

  it('refuses an edit based on an old revision instead of overwriting newer work', async () => {
    const { host, ana, a, car } = await setUp();
    const payload = boxes([{ id: 'b1', classId: car, x1: 1, y1: 1, x2: 50, y2: 50 }]);
    await host.ok('annotations.save', { labelerId: ana.id, sampleId: a, status: 'draft', baseRevision: null, payload });
    await host.ok('annotations.save', { labelerId: ana.id, sampleId: a, status: 'draft', baseRevision: 1, payload });
    const stale = await host.fails('annotations.save', { labelerId: ana.id, sampleId: a, status: 'draft', baseRevision: 1, payload: boxes([]) });
    expect(stale).toMatchObject({ code: 'conflict', message: expect.stringMatching(/saved elsewhere .*revision 2/) });
    expect((await host.ok('annotations.mine', { labelerId: ana.id, sampleId: a }))?.payload).toMatchObject({ boxes: [{ id: 'b1' }] });
  });

  it('refuses boxes outside the image, unknown classes and tags, and a transcript in an image project', async () => {
    const { host, ana, b, car } = await setUp();
    const save = (payload: unknown) => host.fails('annotations.save', { labelerId: ana.id, sampleId: b, status: 'draft', baseRevision: null, payload });
    const outside = await save(boxes([{ id: 'x', classId: car, x1: 0, y1: 0, x2: 101, y2: 50 }]));
    expect(outside.issues).toEqual([{ path: 'payload.boxes.0.x2', message: "is past the image's right edge (100)" }]);
    const unknown = await save(boxes([{ id: 'x', classId: 9999, x1: 0, y1: 0, x2: 10, y2: 10 }], { tags: ['sunny'] }));
    expect(unknown.issues?.map((i) => i.path)).toEqual(['payload.tags.0', 'payload.boxes.0.classId']);
    const inverted = await save(boxes([{ id: 'x', classId: car, x1: 20, y1: 0, x2: 10, y2: 10 }]));
    expect(inverted.message).toMatch(/x1 < x2/);
    const wrongKind = await save({ v: 1, kind: 'transcript', mode: 'clip', segments: [] });
    expect(wrongKind.issues).toEqual([{ path: 'payload.kind', message: 'is transcript, but this is a bbox project' }]);
    expect(await host.ok('annotations.mine', { labelerId: ana.id, sampleId: b })).toBeNull();
    expect((await host.fails('queue.get', { labelerId: 424242 })).code).toBe('not_found');
  });

  it('keeps labelers blind to each other, in the back end: only SMEs and engineers see everyone', async () => {
    const { host, ana, a, car } = await setUp();
    const payload = boxes([{ id: 'b1', classId: car, x1: 1, y1: 1, x2: 50, y2: 50 }]);
    await host.ok('annotations.save', { labelerId: ana.id, sampleId: a, status: 'submitted', baseRevision: null, payload });

    await host.ok('session.signIn', { method: 'owner' }); // accounts are made by an admin
    const ben = await host.ok('labelers.create', { name: 'ben', password: TEST_PASSWORD });
    const sam = await host.ok('labelers.create', { name: 'sam', role: 'sme', password: TEST_PASSWORD });
    await host.signInAs(ben.id);
    expect(await host.fails('annotations.mine', { labelerId: ana.id, sampleId: a })).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/blind/),
    });
    expect((await host.fails('queue.get', { labelerId: ana.id })).code).toBe('forbidden');
    expect((await host.fails('annotations.save', { labelerId: ana.id, sampleId: a, status: 'draft', baseRevision: 1, payload: boxes([]) })).code).toBe(
      'forbidden',
    );
    expect(await host.ok('annotations.mine', { labelerId: ben.id, sampleId: a })).toBeNull(); // his own: nothing yet

    await host.signInAs(sam.id);
    expect((await host.ok('annotations.mine', { labelerId: ana.id, sampleId: a }))?.payload).toEqual(payload);
    expect((await host.fails('annotations.save', { labelerId: ana.id, sampleId: a, status: 'draft', baseRevision: 1, payload: boxes([]) })).code).toBe(
      'forbidden',
    );

    // With nobody signed in (another tab, without the owner's key), nothing of anyone's is shown.
    expect((await host.connection().fails('annotations.mine', { labelerId: ana.id, sampleId: a })).code).toBe('unauthenticated');
  });

  it('serves a downsampled display copy of an image too large for a canvas', async () => {
    const media = tempDir();
    await sharp({ create: { width: 12000, height: 300, channels: 3, background: '#336699' } })
      .png()
      .toFile(join(media, 'panorama.png'));
    await writeImage(join(media, 'small.png'), 'png', 300, 200, 4);
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, media);
    const items = (await host.ok('samples.list', {})).items;
    const panorama = items.find((s) => s.displayName === 'panorama.png')!;
    const small = items.find((s) => s.displayName === 'small.png')!;
    const display = await host.resolveMedia({ sampleId: panorama.id, variant: 'display', sha256: panorama.sha256 });
    expect(display?.mimeType).toBe('image/webp');
    expect(await sharp(display!.path).metadata()).toMatchObject({ width: 8192, height: 205 });
    expect((await host.ok('samples.get', { sampleId: panorama.id })).image).toEqual({ width: 12000, height: 300 });
    const smallDisplay = await host.resolveMedia({ sampleId: small.id, variant: 'display', sha256: small.sha256 });
    // An image a canvas can hold is served as itself (referenced in place, or the team server's copy).
    expect(readFileSync(smallDisplay!.path)).toEqual(readFileSync(join(media, 'small.png')));
  });
});
