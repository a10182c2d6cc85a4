import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildPcmWav, tone } from '../media/pcm-wav';
import { clipTranscript } from '../../support/clip-payload';
import { describeOnEngines } from '../../support/engines';
import { importAndWait, TEST_PASSWORD, useServiceHost, type TestHost } from '../../support/service-host';
import { SPLITS } from '../../support/dataset-splits';
import { useTempDirs } from '../../support/temp-dir';

const said = (text: string) => clipTranscript(text);

/** Half-second hums (about 200 Hz) in `dir`, a few hertz apart so no two files are the same. */
function writeHums(dir: string, names: string[], offset: number): string {
  mkdirSync(dir);
  names.forEach((name, n) =>
    writeFileSync(
      join(dir, name),
      buildPcmWav({ encoding: 's16', sampleRate: 16_000, channels: 1, frames: 8000, signal: tone(0.5, 200 + offset + n, 16_000) }),
    ),
  );
  return dir;
}

describeOnEngines('the baseline’s predictions as pre-labels', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  /**
   * Four clips ana and ben both transcribed, made into v1; then four new clips, of which ana and
   * ben both submitted new-2 and only ana new-3. Signed in as eli, the engineer; sam is an SME.
   */
  async function project(): Promise<{ host: TestHost; version: number; ids: Map<string, number>; ana: number; eli: number; sam: number }> {
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'Commands', kind: 'transcript' });
    await importAndWait(host, writeHums(join(tempDir(), 'old'), ['old-1.wav', 'old-2.wav', 'old-3.wav', 'old-4.wav'], 0));
    const ana = (await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD })).id;
    const ben = (await host.ok('labelers.create', { name: 'ben', password: TEST_PASSWORD })).id;
    const eli = (await host.ok('labelers.create', { name: 'eli', role: 'engineer', password: TEST_PASSWORD })).id;
    const sam = (await host.ok('labelers.create', { name: 'sam', role: 'sme', password: TEST_PASSWORD })).id;
    const submit = async (labelerId: number, sampleId: number, text: string) => {
      await host.signInAs(labelerId);
      await host.ok('annotations.save', { labelerId, sampleId, payload: said(text), status: 'submitted', baseRevision: null });
    };
    const ids = async () => new Map((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.id]));
    for (const [name, id] of await ids()) for (const labeler of [ana, ben]) await submit(labeler, id, name < 'old-3' ? 'stop' : 'go');
    await host.signInAs(eli);
    const version = (await host.ok('datasets.create', SPLITS)).version;
    await importAndWait(host, writeHums(join(tempDir(), 'new'), ['new-1.wav', 'new-2.wav', 'new-3.wav', 'new-4.wav'], 50));
    const all = await ids();
    await submit(ana, all.get('new-2.wav')!, 'stop');
    await submit(ben, all.get('new-2.wav')!, 'stop');
    await submit(ana, all.get('new-3.wav')!, 'go');
    await host.signInAs(eli);
    return { host, version, ids: all, ana, eli, sam };
  }

  it('pages the spectrograms of the clips outside the version that a labeler still has to submit', async () => {
    const { host, version, ids } = await project();
    const first = await host.ok('train.clipsToPrelabel', { version, limit: 2 });
    // new-2 is submitted by everyone, the old clips are the version's own.
    expect(first.clips).toEqual([
      { sampleId: ids.get('new-1.wav'), fileName: 'new-1.wav' },
      { sampleId: ids.get('new-3.wav'), fileName: 'new-3.wav' },
    ]);
    expect(first.total).toBe(3);
    expect(Buffer.from(first.features, 'base64').length).toBe(2 * first.bands * first.steps * 4);
    expect(first.next).toBe(ids.get('new-3.wav'));
    const second = await host.ok('train.clipsToPrelabel', { version, after: first.next!, limit: 2 });
    expect(second.clips.map((c) => c.fileName)).toEqual(['new-4.wav']);
    expect(second).toMatchObject({ next: null, total: null, problems: [] });
    expect((await host.fails('train.clipsToPrelabel', { version: version + 1 })).code).toBe('not_found');
  });

  it('keeps a run’s classes with its model; a run kept without them cannot predict', async () => {
    const { host, version } = await project();
    const base = {
      version,
      backend: 'cpu',
      input: { kind: 'clips' as const, target: { kind: 'transcript' as const } },
      epochs: [{ epoch: 1, loss: 0.5, accuracy: 0.9 }],
      evaluation: { dev: { accuracy: 1, macroF1: 1, examples: 1 }, test: { accuracy: 1, macroF1: 1, examples: 1 } },
      modelJson: '{"modelTopology":{}}',
      weightsBase64: Buffer.from([1, 2, 3]).toString('base64'),
    };
    const run = await host.ok('train.saveRun', { ...base, classes: ['stop', 'go'] });
    expect((await host.ok('train.runs', { version })).map((r) => r.classes)).toEqual([['stop', 'go']]);
    expect(await host.ok('train.runModel', { runId: run.id })).toEqual({
      runId: run.id,
      version,
      input: base.input,
      classes: ['stop', 'go'],
      modelJson: base.modelJson,
      weightsBase64: base.weightsBase64,
    });
    const old = await host.ok('train.saveRun', base);
    expect(await host.fails('train.runModel', { runId: old.id })).toMatchObject({
      code: 'failed_precondition',
      message: expect.stringContaining('without its classes'),
    });
    expect((await host.fails('train.runModel', { runId: old.id + 1 })).code).toBe('not_found');
  });

  it('stores the predictions in batches with their confidence, offered like imported ones; the first batch of a new offer replaces the source', async () => {
    const { host, ids, ana, eli, sam } = await project();
    const [n1, n3, n4] = ['new-1.wav', 'new-3.wav', 'new-4.wav'].map((name) => ids.get(name)!);
    const source = 'Baseline run 1';
    const first = await host.ok('prelabels.storeBatch', { source, replace: true, predictions: [{ sampleId: n1!, text: 'stop', confidence: 0.93 }] });
    expect(first).toEqual({ source, imported: 1, boxes: null, problems: [] });
    const second = await host.ok('prelabels.storeBatch', {
      source,
      replace: false,
      predictions: [
        { sampleId: n3!, text: 'go', confidence: 0.81 },
        { sampleId: n4!, text: '', confidence: 0.9 },
        { sampleId: 9999, text: 'go', confidence: 0.99 },
      ],
    });
    expect(second).toMatchObject({ imported: 2, problems: [{ where: 'sample 9999', message: 'is not a sample of this project' }] });
    expect((await host.ok('prelabels.summary', {})).sources).toEqual([{ source, samples: 3, importedAt: expect.any(String) }]);

    // An SME offers it; ana's editor starts from the model's text, with how sure it was.
    await host.signInAs(sam);
    await host.ok('prelabels.configure', { source, blindShare: 0, seed: 1 });
    await host.signInAs(ana);
    const offer = await host.ok('prelabels.offer', { labelerId: ana, sampleId: n1! });
    expect(offer).toMatchObject({ arm: 'prelabeled', source, confidence: 0.93, payload: { kind: 'transcript', segments: [{ id: 'model-1', text: 'stop' }] } });
    expect((await host.ok('prelabels.offer', { labelerId: ana, sampleId: n4! })).payload).toMatchObject({ noSpeech: true, segments: [] });

    // Offered again (another threshold): the first batch empties the source in the same step.
    await host.signInAs(eli);
    await host.ok('prelabels.storeBatch', { source, replace: true, predictions: [{ sampleId: n3!, text: 'go', confidence: 0.99 }] });
    expect((await host.ok('prelabels.summary', {})).sources).toEqual([{ source, samples: 1, importedAt: expect.any(String) }]);
    // Only engineers store predictions.
    await host.signInAs(ana);
    expect((await host.fails('prelabels.storeBatch', { source, replace: true, predictions: [] })).code).toBe('forbidden');
  });
});
