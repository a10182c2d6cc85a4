import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDemoAs, useServiceHost } from '../../support/service-host';
import { SPLITS } from '../../support/dataset-splits';
import { useTempDirs } from '../../support/temp-dir';

describe('training data and runs', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('cuts the crops of a version, keeps a run with its version, and sends suspect samples back to their labelers', async () => {
    const host = newHost(tempDir());
    await host.ok('projects.openDemo', { kind: 'bbox' });
    const labelers = new Map((await host.ok('labelers.list', {})).map((l) => [l.name, l.id]));
    await host.signInAs(labelers.get('eli')!);
    const version = await host.ok('datasets.create', SPLITS);

    const data = await host.ok('train.crops', { version: version.version, size: 16 });
    const boxes = Object.values(version.classes).reduce((sum, perClass) => sum + Object.values(perClass).reduce((s, n) => s + n, 0), 0);
    expect(data.examples).toHaveLength(boxes);
    expect(Buffer.from(data.pixels, 'base64').length).toBe(boxes * 16 * 16 * 3);
    expect(data.examples.every((crop) => crop.label >= 0 && crop.label < data.classes.length)).toBe(true);
    expect(new Set(data.examples.map((crop) => crop.split))).toEqual(new Set(['train', 'dev', 'test']));
    expect(data.hlp[0]).toEqual({ slice: 'all', value: expect.any(Number) });
    expect(data.problems).toEqual([]);

    // An image gone from disk leaves out its boxes, not the whole set.
    const gone = data.examples[0]!;
    const projectDir = (await host.ok('projects.current', {}))!.dir;
    rmSync(join(projectDir, 'media', gone.sha256.slice(0, 2), `${gone.sha256}${extname(gone.fileName)}`));
    const without = await host.ok('train.crops', { version: version.version, size: 16 });
    expect(without.problems).toEqual([{ fileName: gone.fileName, message: 'file not found' }]);
    expect(without.examples.some((e) => e.sampleId === gone.sampleId)).toBe(false);
    expect(without.examples.length).toBeGreaterThan(0);

    const run = await host.ok('train.saveRun', {
      version: version.version,
      backend: 'cpu',
      input: { kind: 'crops' },
      epochs: [{ epoch: 1, loss: 0.7, accuracy: 0.5 }],
      evaluation: { dev: { accuracy: 0.5, macroF1: 0.4, examples: 3 }, test: { accuracy: null, macroF1: null, examples: 0 } },
      modelJson: '{"modelTopology":{}}',
      weightsBase64: Buffer.from([1, 2, 3]).toString('base64'),
    });
    expect(await host.ok('train.runs', { version: version.version })).toEqual([run]);

    const coffee = (await host.ok('samples.list', {})).items.find((s) => s.displayName === 'coffee.jpg')!;
    expect(await host.ok('train.requestRelabel', { sampleIds: [coffee.id], reason: 'the model is sure this is not a cup' })).toEqual({ requests: 2 });
    await host.signInAs(labelers.get('ana')!);
    const queue = await host.ok('queue.get', { labelerId: labelers.get('ana')! });
    expect(queue.items.find((item) => item.sampleId === coffee.id)).toMatchObject({
      status: 'draft',
      relabel: { version: 1, reason: 'the model is sure this is not a cup' },
    });
    expect((await host.fails('train.crops', { version: version.version })).code).toBe('forbidden');
  });
});

describe('slices from error analysis', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('tags samples as a new slice, which agreement then measures', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const before = await host.ok('agreement.project', {});
    expect(before.perTag.map((t) => t.key)).not.toContain('close-up');
    const samples = (await host.ok('samples.list', {})).items.filter((s) => ['chelsea.jpg', 'coffee.jpg'].includes(s.displayName));
    expect(await host.ok('samples.tag', { sampleIds: samples.map((s) => s.id), tag: 'close-up' })).toEqual({ tagged: 2 });
    const after = await host.ok('agreement.project', {});
    expect(after.perTag.find((t) => t.key === 'close-up')!.figure.samples).toBe(2);
    expect((await host.ok('samples.get', { sampleId: samples[0]!.id })).tags).toContain('close-up');
  });
});

describe('predictions made elsewhere', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('scores JSONL transcripts and COCO results against a version, per sample, with HLP per slice', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'transcript', 'eli');
    const version = await host.ok('datasets.create', SPLITS);
    const dir = tempDir();
    writeFileSync(
      join(dir, 'predictions.jsonl'),
      [
        JSON.stringify({ file: 'weather.wav', text: "today's weather is sunny and warm" }),
        JSON.stringify({ file: 'lights.wav', text: 'turn off the kitchen lights' }),
        JSON.stringify({ file: 'nope.wav', text: 'hello' }),
        'not json',
      ].join('\n'),
    );
    const result = await host.ok('train.predictions', { version: version.version, format: 'jsonl', path: join(dir, 'predictions.jsonl') });
    const score = new Map(result.scored.map((s) => [s.fileName, s.score]));
    expect(score.get('lights.wav')).toBe(0.8); // one word of five differs
    expect(result.scored.find((s) => s.fileName === 'lights.wav')).toMatchObject({
      gold: expect.stringMatching(/^turn on the kitchen lights/i),
      prediction: 'turn off the kitchen lights',
      boxes: null,
    });
    expect(score.get('weather.wav')).toBeGreaterThan(0.8);
    expect(result.missing).toBe(version.counts.train + version.counts.dev + version.counts.test - 2);
    expect(result.problems).toEqual([
      { where: 'line 3', message: '"nope.wav" is not a file of this dataset version' },
      { where: 'line 4', message: 'is not valid JSON' },
    ]);
    expect(result.hlp[0]).toMatchObject({ slice: 'all', value: expect.any(Number) });
    expect((await host.fails('train.predictions', { version: version.version, format: 'coco-results', path: join(dir, 'predictions.jsonl') })).message).toMatch(
      /do not fit/,
    );
  });

  it('gives a perfect score to COCO results that repeat the labels', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const version = await host.ok('datasets.create', SPLITS);
    const out = join(tempDir(), 'coco');
    await host.ok('datasets.export', { version: version.version, format: 'coco', outDir: out });
    const results = ['train', 'val', 'test'].flatMap((split) => {
      const coco = JSON.parse(readFileSync(join(out, split, 'annotations.json'), 'utf8')) as {
        annotations: Array<{ image_id: number; category_id: number; bbox: number[] }>;
      };
      return coco.annotations.map((a) => ({ image_id: a.image_id, category_id: a.category_id, bbox: a.bbox, score: 0.9 }));
    });
    writeFileSync(join(out, 'results.json'), JSON.stringify(results));
    const scored = await host.ok('train.predictions', { version: version.version, format: 'coco-results', path: join(out, 'results.json') });
    expect(scored.problems).toEqual([]);
    expect(scored.scored.every((s) => s.score === 1)).toBe(true);
    // One score per sample in the version, whichever split it is in.
    expect(scored.scored).toHaveLength(Object.values(version.counts).reduce((sum, n) => sum + n, 0));
    // The drill-down draws both sets of boxes on the image: here they are the same.
    for (const s of scored.scored) {
      expect(s.prediction).toBe(s.gold);
      expect(s.boxes!.predicted.map((b) => b.className).sort()).toEqual(s.boxes!.gold.map((b) => b.className).sort());
      expect(s.boxes!.width).toBeGreaterThan(0);
    }
    expect(scored.scored.find((s) => s.fileName === 'coffee.jpg')!.gold).toMatch(/^\d+ box(es)?: .*cup/);
  });
});
