import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAndWait, openDemoAs, REPO_ROOT, useServiceHost, type TestHost } from '../../support/service-host';
import { seededSplits } from '../../support/dataset-splits';
import { useTempDirs } from '../../support/temp-dir';

type Kind = 'bbox' | 'transcript';

/** Every labeler's current answer, by sample name and labeler name, with classes by name: comparable across projects. */
async function answersByName(host: TestHost): Promise<Map<string, unknown>> {
  const project = (await host.ok('projects.current', {}))!;
  const className = new Map(project.classes.map((c) => [c.id, c.name]));
  const labelers = await host.ok('labelers.list', {});
  const samples = (await host.ok('samples.list', { offset: 0, limit: 500 })).items;
  const answers = new Map<string, unknown>();
  for (const sample of samples)
    for (const labeler of labelers) {
      const answer = await host.ok('annotations.mine', { labelerId: labeler.id, sampleId: sample.id });
      if (!answer || answer.status !== 'submitted') continue;
      const { payload } = answer;
      const key = `${sample.displayName.split('/').pop()} by ${labeler.name}`;
      if (payload.kind === 'bbox')
        answers.set(key, {
          noObjects: payload.boxes.length === 0,
          boxes: payload.boxes
            .map((b) => ({ className: className.get(b.classId), x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 }))
            .sort((x, y) => x.x1 - y.x1 || x.y1 - y.y1),
        });
      else
        answers.set(key, {
          noSpeech: payload.noSpeech,
          text: payload.segments.map((s) => s.text).join(' '),
          segments: payload.mode === 'segments' ? payload.segments.map((s) => [s.startMs, s.endMs]) : 'clip',
        });
    }
  return answers;
}

/** The project's agreement figures with labelers by name, so two projects' figures compare. */
async function agreementByName(host: TestHost) {
  const names = new Map((await host.ok('labelers.list', {})).map((l) => [l.id, l.name]));
  const agreement = await host.ok('agreement.project', {});
  return {
    overall: agreement.overall.value,
    samples: agreement.overall.samples,
    perLabeler: Object.fromEntries(agreement.perLabeler.map((l) => [names.get(l.labelerId), l.figure.value])),
    perPair: Object.fromEntries(agreement.perPair.map((p) => [[names.get(p.labelerA), names.get(p.labelerB)].sort().join(' & '), p.figure.value])),
  };
}

/** A new project holding the demo's media and classes, without any labels. */
async function freshProjectLikeDemo(host: TestHost, dir: string, kind: Kind): Promise<void> {
  const demo = (await host.ok('projects.current', {}))!;
  await host.ok('projects.create', { dir, name: 'Moved back', kind, classes: demo.classes.map((c) => ({ name: c.name })), tags: [] });
  const media = join(REPO_ROOT, 'resources', 'demo', kind, kind === 'bbox' ? 'images' : 'audio');
  const report = await importAndWait(host, media);
  expect(report.failed).toBe(0);
}

describe('Label Studio and CVAT interchange', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  for (const [kind, format] of [
    ['bbox', 'label-studio'],
    ['bbox', 'cvat'],
    ['transcript', 'label-studio'],
  ] as const) {
    it(`${kind}, ${format}: every labeler's work exported and imported into a fresh project gives the same answers and agreement`, async () => {
      const host = newHost(tempDir());
      await openDemoAs(host, kind, 'eli');
      const answers = await answersByName(host);
      const agreement = await agreementByName(host);
      expect(agreement.samples).toBeGreaterThan(1);
      // Overlapped samples: more answers than samples.
      expect(answers.size).toBeGreaterThan(agreement.samples);

      const out = join(tempDir(), 'labels');
      const exported = await host.ok('labels.export', { format, outDir: out });
      expect(exported.annotations).toBe(answers.size);
      // CVAT holds one person's work per file: a job per labeler.
      expect(readdirSync(out).sort()).toEqual(
        format === 'label-studio' ? ['label-config.xml', 'tasks.json'] : expect.arrayContaining([expect.stringMatching(/^\d+-ana\.xml$/)]),
      );

      await freshProjectLikeDemo(host, join(tempDir(), 'fresh'), kind);
      const imported = await host.ok('labels.import', { labeler: 'unnamed', format, path: format === 'label-studio' ? join(out, 'tasks.json') : out });
      expect(imported.problems).toEqual([]);
      expect(imported.imported).toBe(answers.size);
      // Each person's work is their own again: new labelers (without passwords) named as in the file.
      expect(imported.labelers.every((l) => l.created)).toBe(true);
      expect(imported.labelers.map((l) => l.name).sort()).toEqual(Object.keys(agreement.perLabeler).sort());

      expect(await answersByName(host)).toEqual(answers);
      expect(await agreementByName(host)).toEqual(agreement);
    });
  }

  it('a labels export that fails leaves no folder behind, and never overwrites one', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'transcript', 'eli');
    const parent = tempDir();
    // CVAT for images has no place for transcripts: refused after the hidden folder was made.
    const refused = await host.fails('labels.export', { format: 'cvat', outDir: join(parent, 'labels') });
    expect(refused.code).toBe('invalid_argument');
    expect(readdirSync(parent)).toEqual([]);

    await host.ok('labels.export', { format: 'label-studio', outDir: join(parent, 'labels') });
    const tasks = readFileSync(join(parent, 'labels', 'tasks.json'));
    const again = await host.fails('labels.export', { format: 'label-studio', outDir: join(parent, 'labels') });
    expect(again.code).toBe('failed_precondition');
    expect(readFileSync(join(parent, 'labels', 'tasks.json'))).toEqual(tasks);
    expect(readdirSync(parent)).toEqual(['labels']);
  });

  it("a dataset version exports its final labels to Label Studio and CVAT, and they import back as one labeler's, agreeing exactly", async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const version = await host.ok('datasets.create', seededSplits(3));
    for (const [format, file] of [
      ['label-studio', 'tasks.json'],
      ['cvat', 'annotations.xml'],
    ] as const) {
      const dir = join(tempDir(), format);
      await host.ok('datasets.export', { version: version.version, format, outDir: dir, copyMedia: true });
      expect(readFileSync(join(dir, 'DATASET.md'), 'utf8')).toContain(format === 'cvat' ? 'CVAT for images 1.1' : 'Label Studio JSON');
      const report = await host.ok('labels.import', { labeler: `final-${format}`, format, path: join(dir, file) });
      expect(report.problems).toEqual([]);
      expect(report.labelers).toEqual([
        { name: `final-${format}`, labelerId: report.labelerId, created: true, imported: version.counts.train + version.counts.dev + version.counts.test },
      ]);
    }
    // The two imports of the same final labels agree with each other exactly.
    const agreement = await host.ok('agreement.project', {});
    const names = new Map((await host.ok('labelers.list', {})).map((l) => [l.id, l.name]));
    const pair = agreement.perPair.find((p) => names.get(p.labelerA)!.startsWith('final-') && names.get(p.labelerB)!.startsWith('final-'))!;
    expect(pair.figure.value).toBe(1);
  });

  it('matches annotators to existing accounts by name and says which it created', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'eli');
    const dir = tempDir();
    const path = join(dir, 'tasks.json');
    const box = { type: 'rectanglelabels', value: { x: 10, y: 10, width: 20, height: 20, rectanglelabels: ['cat'] } };
    const task = (file: string) => ({
      data: { image: `/data/upload/1/0a1b2c3d-${file}` },
      annotations: [
        { completed_by: { first_name: 'ana' }, result: [box] },
        { completed_by: { email: 'dana@example.org' }, result: [box] },
      ],
    });

    writeFileSync(path, JSON.stringify([task('camera.jpg')]));
    const report = await host.ok('labels.import', { labeler: 'vendor', format: 'label-studio', path });
    expect(report.problems).toEqual([]);
    expect(report.labelerId).toBeNull();
    expect(report.labelers).toEqual([
      { name: 'ana', labelerId: labelers.get('ana'), created: false, imported: 1 },
      { name: 'dana@example.org', labelerId: expect.any(Number) as number, created: true, imported: 1 },
    ]);
  });
});
