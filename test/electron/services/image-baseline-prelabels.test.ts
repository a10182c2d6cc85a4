import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnEngines } from '../../support/engines';
import { drawnLabel, writeDrawnBoxes } from '../../support/drawn-boxes';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { SPLITS } from '../../support/dataset-splits';
import { useTempDirs } from '../../support/temp-dir';

const CROP = 16;

describeOnEngines('the image baseline as a pre-label source', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  /**
   * Eight drawn 64×64 images ana and ben both labelled, made into v1; then four new ones, of which
   * both submitted new-2 and only ana new-3. Signed in as eli, the engineer; sam is an SME.
   */
  async function project() {
    const host = newHost(tempDir());
    const created = await host.ok('projects.create', {
      dir: join(tempDir(), 'p'),
      name: 'Shapes',
      kind: 'bbox',
      classes: [{ name: 'orange' }, { name: 'blue' }],
    });
    const classIds = created.classes.map((c) => c.id) as [number, number];
    const media = tempDir();
    const old = await writeDrawnBoxes(
      join(media, 'old'),
      Array.from({ length: 8 }, (_, i) => `old-${i + 1}.png`),
      3,
    );
    await importAndWait(host, join(media, 'old'));
    const ana = (await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD })).id;
    const ben = (await host.ok('labelers.create', { name: 'ben', password: TEST_PASSWORD })).id;
    const eli = (await host.ok('labelers.create', { name: 'eli', role: 'engineer', password: TEST_PASSWORD })).id;
    const sam = (await host.ok('labelers.create', { name: 'sam', role: 'sme', password: TEST_PASSWORD })).id;
    const submit = async (labelerId: number, sampleId: number, payload: ReturnType<typeof drawnLabel>) => {
      await host.signInAs(labelerId);
      await host.ok('annotations.save', { labelerId, sampleId, payload, status: 'submitted', baseRevision: null });
    };
    const ids = async () => new Map((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.id]));
    for (const [name, id] of await ids()) for (const labeler of [ana, ben]) await submit(labeler, id, drawnLabel(old.get(name)!, classIds));
    await host.signInAs(eli);
    const version = (await host.ok('datasets.create', SPLITS)).version;
    const fresh = await writeDrawnBoxes(join(media, 'new'), ['new-1.png', 'new-2.png', 'new-3.png', 'new-4.png'], 4);
    await importAndWait(host, join(media, 'new'));
    const all = await ids();
    for (const labeler of [ana, ben]) await submit(labeler, all.get('new-2.png')!, drawnLabel(fresh.get('new-2.png')!, classIds));
    await submit(ana, all.get('new-3.png')!, drawnLabel(fresh.get('new-3.png')!, classIds));
    await host.signInAs(eli);
    return { host, version, ids: all, old, ana, eli, sam };
  }

  /** The RGB of the middle pixel of crop `index` in `pixels` (base64 crops of CROP × CROP). */
  function middleOf(pixels: string, index: number): [number, number, number] {
    const bytes = Buffer.from(pixels, 'base64');
    const at = ((index * CROP + CROP / 2) * CROP + CROP / 2) * 3;
    return [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!];
  }

  it('cuts each box with a margin and "nothing here" crops from the train split, with the window sizes detection needs', async () => {
    const { host, version, old } = await project();
    const set = await host.ok('train.crops', { version, size: CROP });
    const boxes = [...old.values()].flat();
    expect(set.examples).toHaveLength(boxes.length);
    // Each box crop is centred on its object: its middle has the class's colour.
    set.examples.forEach((example, i) =>
      expect(middleOf(set.pixels, i)).toEqual(example.label === set.classes.findIndex((c) => c.name === 'orange') ? [230, 159, 0] : [86, 180, 233]),
    );
    const { detector } = set;
    // Boxes are 14–19 pixels a side: windows of those sizes, images kept whole (a crop of 16 needs no shrinking).
    expect(detector.windows.length).toBeGreaterThan(0);
    for (const side of detector.windows.flatMap((w) => [w.width, w.height])) expect(side >= 14 && side <= 19).toBe(true);
    expect(detector.scale).toBe(CROP / (1.5 * Math.min(...detector.windows.flatMap((w) => [w.width, w.height]))));
    const trainImages = new Set(set.examples.filter((e) => e.split === 'train').map((e) => e.sampleId)).size;
    expect(detector.backgroundCount).toBeGreaterThanOrEqual(2 * trainImages);
    expect(Buffer.from(detector.background, 'base64').length).toBe(detector.backgroundCount * CROP * CROP * 3);
    // Background windows overlap no box enough to centre on one: their middles are grey.
    for (let i = 0; i < detector.backgroundCount; i++) {
      const [r, g, b] = middleOf(detector.background, i);
      expect(r === g && g === b).toBe(true);
    }
    // The same version gives the same crops: a run repeats.
    expect((await host.ok('train.crops', { version, size: CROP })).detector.background).toBe(detector.background);
  });

  it('pages the images outside the version that a labeler still has to submit, shrunk by the run’s scale', async () => {
    const { host, version, ids } = await project();
    const first = await host.ok('train.imagesToPrelabel', { version, scale: 0.5, limit: 2 });
    // new-2 is submitted by everyone, the old images are the version's own.
    expect(first.images).toEqual([
      { sampleId: ids.get('new-1.png'), fileName: 'new-1.png', width: 32, height: 32, original: { width: 64, height: 64 } },
      { sampleId: ids.get('new-3.png'), fileName: 'new-3.png', width: 32, height: 32, original: { width: 64, height: 64 } },
    ]);
    expect(first.total).toBe(3);
    expect(Buffer.from(first.pixels, 'base64').length).toBe(2 * 32 * 32 * 3);
    const second = await host.ok('train.imagesToPrelabel', { version, scale: 1, after: first.next!, limit: 2 });
    expect(second.images.map((i) => [i.fileName, i.width])).toEqual([['new-4.png', 64]]);
    expect(second).toMatchObject({ next: null, total: null, problems: [] });
    expect((await host.fails('train.imagesToPrelabel', { version: version + 1, scale: 1 })).code).toBe('not_found');
    expect((await host.fails('train.imagesToPrelabel', { version, scale: 0 })).code).toBe('invalid_argument');
  });

  it('ends a page of large images early, and leaves out one still too large to send after shrinking, by name and size only', async () => {
    const { host, version, ids } = await project();
    const dir = join(tempDir(), 'large');
    // 2048 × 2048 RGB is 12 MB, the most one image may hold: two of them fill a page (24 MB); 2100 × 2100 is over the limit.
    await writeImage(join(dir, 'big-1.png'), 'png', 2048, 2048, 7);
    await writeImage(join(dir, 'big-2.png'), 'png', 2048, 2048, 8);
    await writeImage(join(dir, 'huge.png'), 'png', 2100, 2100, 9);
    await importAndWait(host, dir);
    const big = new Map((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.id]));
    const first = await host.ok('train.imagesToPrelabel', { version, scale: 1, limit: 32 });
    expect(first.images.map((i) => i.fileName)).toEqual(['new-1.png', 'new-3.png', 'new-4.png', 'big-1.png', 'big-2.png']);
    expect(first).toMatchObject({ next: big.get('big-2.png'), total: 6, problems: [] });
    const second = await host.ok('train.imagesToPrelabel', { version, scale: 1, after: first.next!, limit: 32 });
    expect(second).toMatchObject({
      images: [],
      next: null,
      problems: [{ fileName: 'huge.png', message: 'too large to look for boxes in (2100×2100 pixels after shrinking)' }],
    });
    const shrunk = await host.ok('train.imagesToPrelabel', { version, scale: 0.25, after: ids.get('new-4.png')!, limit: 32 });
    expect(shrunk.problems).toEqual([]);
    expect(shrunk.images.map((i) => [i.fileName, i.width, i.original.width])).toEqual([
      ['big-1.png', 512, 2048],
      ['big-2.png', 512, 2048],
      ['huge.png', 525, 2100],
    ]);
  });

  it('keeps how a box run finds boxes with its model', async () => {
    const { host, version } = await project();
    const detector = { windows: [{ width: 16, height: 17 }], cropSize: CROP, scale: 0.63, background: 2 };
    const run = await host.ok('train.saveRun', {
      version,
      backend: 'cpu',
      input: { kind: 'crops', detector },
      epochs: [{ epoch: 1, loss: 0.5, accuracy: 0.9 }],
      evaluation: { dev: { accuracy: 1, macroF1: 1, examples: 1 }, test: { accuracy: 1, macroF1: 1, examples: 1 } },
      classes: ['orange', 'blue', '(background)'],
      modelJson: '{"modelTopology":{}}',
      weightsBase64: Buffer.from([1, 2, 3]).toString('base64'),
    });
    expect((await host.ok('train.runs', { version }))[0]!.input).toEqual({ kind: 'crops', detector });
    expect((await host.ok('train.runModel', { runId: run.id })).input).toEqual({ kind: 'crops', detector });
  });

  it('stores found boxes in batches, cut at the image’s edge, with the least sure box’s confidence; the labeler starts from them', async () => {
    const { host, ids, ana, sam } = await project();
    const [n1, n3, n4] = ['new-1.png', 'new-3.png', 'new-4.png'].map((name) => ids.get(name)!);
    const source = 'Baseline run 1';
    const box = (className: string, x1: number, score: number) => ({ className, x1, y1: 10, x2: x1 + 20, y2: 30, score });
    const stored = await host.ok('prelabels.storeBatch', {
      source,
      replace: true,
      predictions: [
        { sampleId: n1!, boxes: [box('orange', 4, 0.97), box('blue', 54, 0.88)], confidence: 0.88 },
        { sampleId: n3!, boxes: [box('green', 4, 0.99)], confidence: 0.99 },
        { sampleId: 9999, boxes: [box('blue', 4, 0.99)], confidence: 0.99 },
      ],
    });
    expect(stored).toEqual({
      source,
      imported: 1,
      boxes: 2,
      problems: [
        { where: `sample ${n3}`, message: 'has a box of class “green”, which the project lacks' },
        { where: 'sample 9999', message: 'is not a sample of this project' },
      ],
    });
    await host.ok('prelabels.storeBatch', { source, replace: false, predictions: [{ sampleId: n4!, boxes: [box('blue', 0, 0.9)], confidence: 0.9 }] });
    expect((await host.ok('prelabels.summary', {})).sources).toEqual([{ source, samples: 2, importedAt: expect.any(String) }]);
    // A transcript is no label for an image.
    expect((await host.fails('prelabels.storeBatch', { source, replace: false, predictions: [{ sampleId: n4!, text: 'go', confidence: 0.9 }] })).code).toBe(
      'failed_precondition',
    );

    await host.signInAs(sam);
    await host.ok('prelabels.configure', { source, blindShare: 0, seed: 1 });
    await host.signInAs(ana);
    const offer = await host.ok('prelabels.offer', { labelerId: ana, sampleId: n1! });
    expect(offer).toMatchObject({ arm: 'prelabeled', source, confidence: 0.88 });
    const classes = new Map((await host.ok('projects.current', {}))!.classes.map((c) => [c.name, c.id]));
    // The blue box reached past the 64-pixel image: cut at its edge.
    expect(offer.payload).toMatchObject({
      kind: 'bbox',
      boxes: [
        { id: 'model-1', classId: classes.get('orange'), x1: 4, y1: 10, x2: 24, y2: 30 },
        { id: 'model-2', classId: classes.get('blue'), x1: 54, y1: 10, x2: 64, y2: 30 },
      ],
    });
  });
});
