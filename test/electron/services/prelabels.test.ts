import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { AnnotationPayload } from '../../../shared/annotation/payload';
import { writeImage, writeWav } from '../../support/media-fixtures';
import { importAndWait, TEST_PASSWORD, useServiceHost, type TestHost } from '../../support/service-host';
import { describeOnEngines } from '../../support/engines';
import { useTempDirs } from '../../support/temp-dir';

describeOnEngines('pre-labels', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  /** A bbox project of two 100×50 images, labeler ana and SME sam; the owner stays signed in on `host`. */
  async function bboxProject() {
    const media = tempDir();
    await writeImage(join(media, 'a.png'), 'png', 100, 50, 1);
    await writeImage(join(media, 'b.png'), 'png', 100, 50, 2);
    const host = newHost(tempDir());
    const project = await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }, { name: 'dog' }] });
    await importAndWait(host, media);
    const ana = await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    const sam = await host.ok('labelers.create', { name: 'sam', role: 'sme', password: TEST_PASSWORD });
    const names = new Map((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.id]));
    const [car, dog] = project.classes.map((c) => c.id);
    return { host, ana: ana.id, sam: sam.id, a: names.get('a.png')!, b: names.get('b.png')!, car: car!, dog: dog! };
  }

  function writeJson(value: unknown): string {
    const path = join(tempDir(), 'predictions.json');
    writeFileSync(path, JSON.stringify(value));
    return path;
  }

  async function as(host: TestHost, labelerId: number): Promise<TestHost> {
    const connection = host.connection();
    await connection.signInAs(labelerId);
    return connection;
  }

  it('offers COCO results as a labeler’s starting boxes, and records the pre-label with the annotation the labeler submits', async () => {
    const { host, ana, sam, a, b, car } = await bboxProject();
    const path = writeJson([
      { image_id: a, category_id: car, bbox: [10, 5, 30, 20], score: 0.9 },
      { image_id: a, category_id: car, bbox: [60, 5, 30, 20], score: 0.2 },
      // Reaches past the right edge: cut there, as a labeler could not draw it further.
      { image_id: b, category_id: car, bbox: [80, 10, 40, 10], score: 0.8 },
    ]);
    const imported = await host.ok('prelabels.import', { source: 'yolo run 3', format: 'coco-results', path });
    expect(imported).toEqual({ source: 'yolo run 3', imported: 2, boxes: 2, problems: [] });

    const smeHost = await as(host, sam);
    const summary = await smeHost.ok('prelabels.configure', { source: 'yolo run 3', blindShare: 0, seed: 7 });
    expect(summary.sources).toEqual([{ source: 'yolo run 3', samples: 2, importedAt: expect.any(String) }]);
    expect(summary.plan).toMatchObject({ source: 'yolo run 3', blindShare: 0, seed: 7 });

    const anaHost = await as(host, ana);
    const offer = await anaHost.ok('prelabels.offer', { labelerId: ana, sampleId: a });
    expect(offer.arm).toBe('prelabeled');
    expect(offer.source).toBe('yolo run 3');
    // A file's predictions carry no confidence per sample (boxes have their own scores).
    expect(offer.confidence).toBeNull();
    // Only the box at or above the import's least score (0.5) is offered.
    expect(offer.payload).toMatchObject({ kind: 'bbox', boxes: [{ id: 'model-1', classId: car, x1: 10, y1: 5, x2: 40, y2: 25 }] });
    expect((await anaHost.ok('prelabels.offer', { labelerId: ana, sampleId: b })).payload).toMatchObject({ boxes: [{ x1: 80, x2: 100 }] });

    // Ana moves the model's box a little and submits.
    const edited = { ...(offer.payload as AnnotationPayload & { kind: 'bbox' }) };
    edited.boxes = [{ ...edited.boxes[0]!, x2: 42 }];
    await anaHost.ok('annotations.save', { labelerId: ana, sampleId: a, payload: edited, status: 'submitted', baseRevision: null });

    const report = await smeHost.ok('agreement.anchoring', {});
    expect(report.prelabeled.answers).toBe(1);
    expect(report.blind.answers).toBe(0);
    // Against the model's box the edited box still matches (IoU 30/32 ≥ 0.5): F1 1.
    expect(report.prelabeled.withModel).toMatchObject({ value: 1, comparisons: 1, samples: 1 });

    // Once the project stops offering pre-labels, nothing is offered, and what was recorded stays.
    await smeHost.ok('prelabels.configure', { source: null });
    expect(await anaHost.ok('prelabels.offer', { labelerId: ana, sampleId: b })).toEqual({ arm: null, source: null, payload: null, confidence: null });
    expect((await smeHost.ok('agreement.anchoring', {})).prelabeled.answers).toBe(1);
  });

  it('keeps a blind assignment blank, and records it as blind when the labeler saves', async () => {
    const { host, ana, sam, a, car } = await bboxProject();
    await host.ok('prelabels.import', { source: 'm', format: 'coco-results', path: writeJson([{ image_id: a, category_id: car, bbox: [10, 5, 30, 20] }]) });
    const smeHost = await as(host, sam);
    await smeHost.ok('prelabels.configure', { source: 'm', blindShare: 1 });
    const anaHost = await as(host, ana);
    expect(await anaHost.ok('prelabels.offer', { labelerId: ana, sampleId: a })).toEqual({ arm: 'blind', source: 'm', payload: null, confidence: null });

    const own = { v: 1 as const, kind: 'bbox' as const, boxes: [{ id: 'x', classId: car, x1: 50, y1: 5, x2: 90, y2: 45 }] };
    await anaHost.ok('annotations.save', { labelerId: ana, sampleId: a, payload: own, status: 'submitted', baseRevision: null });
    const report = await smeHost.ok('agreement.anchoring', {});
    expect(report.blind.answers).toBe(1);
    // Ana's own box does not overlap the model's: no agreement with the model.
    expect(report.blind.withModel).toMatchObject({ value: 0, comparisons: 1 });
  });

  it('reports predictions that do not fit the project by sample and file row, never with the file’s content', async () => {
    const { host, a, b, car } = await bboxProject();
    const path = writeJson([
      { image_id: a, category_id: 99, bbox: [10, 5, 30, 20], score: 0.9 },
      { image_id: 4242, category_id: car, bbox: [10, 5, 30, 20], score: 0.9 },
      { image_id: b, category_id: car, bbox: [10, 5, 30, 20], score: 0.9, secret: 'TOP-SECRET' },
      { image_id: 'TOP-SECRET', category_id: car, bbox: [1, 1, 1, 1] },
    ]);
    const result = await host.ok('prelabels.import', { source: 'm', format: 'coco-results', path });
    expect(result.imported).toBe(1);
    expect(result.problems.map((p) => p.where)).toEqual(['result 2', 'result 4', `sample ${a} (a.png)`]);
    expect(result.problems.find((p) => p.where === `sample ${a} (a.png)`)?.message).toBe('boxes.0.classId 99 is not a class of this project');
    expect(JSON.stringify(result)).not.toContain('TOP-SECRET');

    const error = await host.fails('prelabels.import', { source: 'm', format: 'jsonl', path });
    expect(error.message).toMatch(/jsonl predictions do not fit a bbox project/);
    expect((await host.fails('prelabels.configure', { source: 'nothing like it' })).code).toBe('not_found');
  });

  it('replaces a source on a new import under its name, and lets a labeler ask only about their own queue', async () => {
    const { host, ana, sam, a, b, car } = await bboxProject();
    await host.ok('prelabels.import', { source: 'm', format: 'coco-results', path: writeJson([{ image_id: a, category_id: car, bbox: [10, 5, 30, 20] }]) });
    await host.ok('prelabels.import', { source: 'm', format: 'coco-results', path: writeJson([{ image_id: b, category_id: car, bbox: [1, 1, 9, 9] }]) });
    // COCO results name the images with boxes; the others the model saw and found nothing in.
    expect((await host.ok('prelabels.summary', {})).sources).toEqual([{ source: 'm', samples: 2, importedAt: expect.any(String) }]);
    const smeHost = await as(host, sam);
    await smeHost.ok('prelabels.configure', { source: 'm', blindShare: 0 });
    const anaHost = await as(host, ana);
    expect((await anaHost.ok('prelabels.offer', { labelerId: ana, sampleId: a })).payload).toMatchObject({ boxes: [] });
    expect((await anaHost.ok('prelabels.offer', { labelerId: ana, sampleId: b })).payload).toMatchObject({ boxes: [{ x1: 1, x2: 10 }] });
    expect((await anaHost.fails('prelabels.offer', { labelerId: sam, sampleId: b })).code).toBe('forbidden');
  });

  it('offers JSONL transcripts as one segment over the clip, and empty text as no speech', async () => {
    const media = tempDir();
    writeWav(join(media, 'one.wav'), 1500);
    writeWav(join(media, 'two.wav'), 800);
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'transcript' });
    await importAndWait(host, media);
    const ana = (await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD })).id;
    const names = new Map((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.id]));
    const path = join(tempDir(), 'hyp.jsonl');
    writeFileSync(path, ['{"audio_filepath": "/data/one.wav", "text": "turn on the lights"}', '{"file": "two.wav", "text": ""}'].join('\n'));
    expect((await host.ok('prelabels.import', { source: 'whisper', format: 'jsonl', path })).imported).toBe(2);
    await host.ok('prelabels.configure', { source: 'whisper', blindShare: 0 });
    const anaHost = await as(host, ana);
    const one = await anaHost.ok('prelabels.offer', { labelerId: ana, sampleId: names.get('one.wav')! });
    expect(one.payload).toMatchObject({ kind: 'transcript', mode: 'clip', segments: [{ startMs: 0, endMs: 1500, text: 'turn on the lights' }] });
    const two = await anaHost.ok('prelabels.offer', { labelerId: ana, sampleId: names.get('two.wav')! });
    expect(two.payload).toMatchObject({ kind: 'transcript', segments: [], noSpeech: true });
  });

  it('records in the audit log who turned pre-labels on, with which predictions and blind share, and who turned them off', async () => {
    const { host, sam, a, car } = await bboxProject();
    await host.ok('prelabels.import', {
      source: 'yolo run 3',
      format: 'coco-results',
      path: writeJson([{ image_id: a, category_id: car, bbox: [10, 5, 30, 20] }]),
    });
    const smeHost = await as(host, sam);
    await smeHost.ok('prelabels.configure', { source: 'yolo run 3', blindShare: 0.25, seed: 4 });
    await smeHost.ok('prelabels.configure', { source: null });
    const entries = (await host.ok('audit.list', {})).entries.filter((entry) => entry.action.startsWith('prelabels.'));
    // Newest first.
    expect(entries.map(({ actor, action, subject, details }) => ({ actor, action, subject, details }))).toEqual([
      { actor: 'sam', action: 'prelabels.configure', subject: 'pre-label plan', details: { source: null, blindShare: 0.2, seed: 1 } },
      { actor: 'sam', action: 'prelabels.configure', subject: 'pre-label plan', details: { source: 'yolo run 3', blindShare: 0.25, seed: 4 } },
      {
        actor: expect.any(String),
        action: 'prelabels.import',
        subject: 'predictions "yolo run 3"',
        details: { format: 'coco-results', imported: expect.any(Number), problems: 0, minScore: 0.5 },
      },
    ]);
  });

  it('lets an SME offer pre-labels on one assignment the plan keeps blind, keep another blind, and give both back to the plan', async () => {
    const { host, ana, sam, a, b, car } = await bboxProject();
    const path = writeJson([
      { image_id: a, category_id: car, bbox: [10, 5, 30, 20], score: 0.9 },
      { image_id: b, category_id: car, bbox: [50, 5, 30, 20], score: 0.9 },
    ]);
    await host.ok('prelabels.import', { source: 'm', format: 'coco-results', path });
    const smeHost = await as(host, sam);
    const anaHost = await as(host, ana);
    const arm = async (sampleId: number) => (await anaHost.ok('prelabels.offer', { labelerId: ana, sampleId })).arm;

    // Everything blind by the plan; one assignment offered all the same.
    await smeHost.ok('prelabels.configure', { source: 'm', blindShare: 1 });
    expect(await smeHost.ok('prelabels.override', { sampleId: a, labelerId: ana, choice: 'offer' })).toEqual({ sampleId: a, labelerId: ana, choice: 'offer' });
    expect([await arm(a), await arm(b)]).toEqual(['prelabeled', 'blind']);
    expect((await anaHost.ok('prelabels.offer', { labelerId: ana, sampleId: a })).payload).not.toBeNull();

    // Nothing blind by the plan; one assignment kept blind all the same, the other given back to the plan.
    await smeHost.ok('prelabels.configure', { source: 'm', blindShare: 0 });
    await smeHost.ok('prelabels.override', { sampleId: b, labelerId: ana, choice: 'blind' });
    await smeHost.ok('prelabels.override', { sampleId: a, labelerId: ana, choice: 'plan' });
    expect([await arm(a), await arm(b)]).toEqual(['prelabeled', 'blind']);
    await smeHost.ok('prelabels.override', { sampleId: b, labelerId: ana, choice: 'plan' });
    expect(await arm(b)).toBe('prelabeled');

    expect((await smeHost.fails('prelabels.override', { sampleId: 999_999, labelerId: ana, choice: 'offer' })).code).toBe('not_found');
    const audit = (await host.ok('audit.list', {})).entries.filter((entry) => entry.action === 'prelabels.override');
    expect(audit.map((entry) => entry.details.prelabels)).toEqual(['plan', 'plan', 'blind', 'offer']);
    expect(audit.at(-1)).toMatchObject({ actor: 'sam', subject: `sample ${a} for labeler ${ana}` });
  });

  it('imports a file a browser sends, counting its boxes, and names only the file and the place when the file is malformed', async () => {
    const { host, a, b, car, dog } = await bboxProject();
    const text = JSON.stringify([
      { image_id: a, category_id: car, bbox: [10, 5, 30, 20], score: 0.9 },
      { image_id: a, category_id: dog, bbox: [50, 5, 30, 20], score: 0.8 },
      { image_id: b, category_id: car, bbox: [1, 1, 9, 9], score: 0.7 },
    ]);
    const imported = await host.ok('prelabels.import', { source: 'detector', format: 'coco-results', file: { name: 'results.json', text } });
    expect(imported).toEqual({ source: 'detector', imported: 2, boxes: 3, problems: [] });
    expect((await host.ok('prelabels.summary', {})).sources).toEqual([{ source: 'detector', samples: 2, importedAt: expect.any(String) }]);

    const sent = (text: string) => host.fails('prelabels.import', { source: 'detector', format: 'coco-results', file: { name: 'results.json', text } });
    const cut = await sent('[{"image_id": 1, "secret": "TOP-SECRET"');
    expect([cut.code, cut.message]).toEqual(['invalid_argument', 'results.json is not valid JSON (line 1, column 40).']);
    const notResults = await sent('{"annotations": "TOP-SECRET"}');
    expect(notResults.message).toMatch(/^results\.json is not a COCO results array: /);
    expect(JSON.stringify([cut, notResults])).not.toContain('TOP-SECRET');
    // The failed import left the stored source whole.
    expect((await host.ok('prelabels.summary', {})).sources).toMatchObject([{ source: 'detector', samples: 2 }]);

    const both = await host.fails('prelabels.import', { source: 'x', format: 'coco-results', path: '/tmp/results.json', file: { name: 'r.json', text: '[]' } });
    expect(both.code).toBe('invalid_argument');
    expect((await host.fails('prelabels.import', { source: 'x', format: 'coco-results' })).code).toBe('invalid_argument');
  });

  it('shows an SME each assignment of a sample with what its labeler starts from, their choice over the plan, and the arm a first save recorded', async () => {
    const { host, ana, sam, a, b, car } = await bboxProject();
    const bob = (await host.ok('labelers.create', { name: 'bob', password: TEST_PASSWORD })).id;
    await host.ok('prelabels.import', { source: 'm', format: 'coco-results', path: writeJson([{ image_id: a, category_id: car, bbox: [10, 5, 30, 20] }]) });
    const smeHost = await as(host, sam);
    // No assignment plan: every labeler gets every sample, so both are listed (not sam, an SME). Pre-labels off: nobody is offered anything.
    expect(await smeHost.ok('prelabels.sample', { sampleId: a })).toEqual({
      sampleId: a,
      fileName: 'a.png',
      source: null,
      predicted: false,
      assignments: [
        { labelerId: ana, name: 'ana', arm: null, choice: 'plan', recorded: null },
        { labelerId: bob, name: 'bob', arm: null, choice: 'plan', recorded: null },
      ],
    });

    await smeHost.ok('prelabels.configure', { source: 'm', blindShare: 0 });
    await smeHost.ok('prelabels.override', { sampleId: a, labelerId: bob, choice: 'blind' });
    const view = await smeHost.ok('prelabels.sample', { sampleId: a });
    expect(view).toMatchObject({ source: 'm', predicted: true });
    expect(view.assignments).toEqual([
      { labelerId: ana, name: 'ana', arm: 'prelabeled', choice: 'plan', recorded: null },
      { labelerId: bob, name: 'bob', arm: 'blind', choice: 'blind', recorded: null },
    ]);
    // What the card shows is what the labeler gets.
    const bobHost = await as(host, bob);
    expect((await bobHost.ok('prelabels.offer', { labelerId: bob, sampleId: a })).arm).toBe('blind');

    // Bob saves blind; the SME then offers him pre-labels: what he saw stays recorded as blind.
    const own = { v: 1 as const, kind: 'bbox' as const, boxes: [{ id: 'x', classId: car, x1: 50, y1: 5, x2: 90, y2: 45 }] };
    await bobHost.ok('annotations.save', { labelerId: bob, sampleId: a, payload: own, status: 'draft', baseRevision: null });
    await smeHost.ok('prelabels.override', { sampleId: a, labelerId: bob, choice: 'offer' });
    expect((await smeHost.ok('prelabels.sample', { sampleId: a })).assignments[1]).toEqual({
      labelerId: bob,
      name: 'bob',
      arm: 'prelabeled',
      choice: 'offer',
      recorded: 'blind',
    });

    // Off again: nobody is offered anything, and what was recorded stays.
    await smeHost.ok('prelabels.configure', { source: null });
    expect(await smeHost.ok('prelabels.sample', { sampleId: b })).toMatchObject({
      source: null,
      predicted: false,
      assignments: [
        { name: 'ana', arm: null, recorded: null },
        { name: 'bob', arm: null, recorded: null },
      ],
    });
    expect((await smeHost.ok('prelabels.sample', { sampleId: a })).assignments[1]).toMatchObject({ arm: null, recorded: 'blind' });
    expect((await smeHost.fails('prelabels.sample', { sampleId: 999_999 })).code).toBe('not_found');
    expect((await (await as(host, ana)).fails('prelabels.sample', { sampleId: a })).code).toBe('forbidden');
  });

  it('lists only a sample’s assigned labelers once an assignment plan shares the samples out', async () => {
    const { host, ana, sam, a } = await bboxProject();
    const bob = (await host.ok('labelers.create', { name: 'bob', password: TEST_PASSWORD })).id;
    const smeHost = await as(host, sam);
    await smeHost.ok('assignments.plan', { overlap: 1, seed: 3 });
    const listed = (await smeHost.ok('prelabels.sample', { sampleId: a })).assignments.map((row) => row.labelerId);
    expect(listed).toHaveLength(1);
    // The one listed is the one whose queue holds the sample.
    const holder = listed[0]!;
    const other = holder === ana ? bob : ana;
    const queueIds = async (labelerId: number) => (await (await as(host, labelerId)).ok('queue.get', { labelerId })).items.map((item) => item.sampleId);
    expect(await queueIds(holder)).toContain(a);
    expect(await queueIds(other)).not.toContain(a);
  });
});
