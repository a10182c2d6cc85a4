import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectAgreement, type AnnotationForAgreement } from '../../../shared/agreement';
import type { DatasetSummary } from '../../../shared/domain/dataset';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';
import { seededSplits } from '../../support/dataset-splits';
import { frozenItemsOf } from '../../support/dataset-items';

/** Every file under `dir` with its bytes, by relative path. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(relative(dir, join(entry.parentPath, entry.name)), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

/** A dataset of every labeled demo sample: the consensus wherever there is no decision. */
async function everything(host: TestHost): Promise<DatasetSummary> {
  return host.ok('datasets.create', seededSplits(3));
}

/** The version's labels (as labeler 1) beside what a labeler imported (as labeler 2), sample by sample. */
async function agreementWithGold(host: TestHost, labelerId: number, version: number): Promise<AnnotationForAgreement[]> {
  const dataset = await host.ok('datasets.list', {});
  expect(dataset.map((d) => d.version)).toContain(version);
  const items = await frozenItemsOf(host, version);
  const annotations: AnnotationForAgreement[] = [];
  for (const item of items) {
    const imported = await host.ok('annotations.mine', { labelerId, sampleId: item.sampleId });
    expect(imported, `sample ${item.fileName} was imported`).not.toBeNull();
    const base = { sampleId: item.sampleId, guidelineVersion: 1, submittedAt: 0, sampleTags: [] };
    annotations.push({ ...base, labelerId: 1, payload: item.label }, { ...base, labelerId: 2, payload: imported!.payload });
  }
  return annotations;
}

describe('dataset versions', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('round-trips COCO, YOLO and VOC: labels imported back agree with the version exactly', async () => {
    const host = newHost(tempDir());
    await host.ok('projects.openDemo', { kind: 'bbox' });
    const eli = (await host.ok('labelers.list', {})).find((l) => l.name === 'eli')!;
    await host.signInAs(eli.id);
    const version = await everything(host);
    expect(version.counts.train + version.counts.dev + version.counts.test).toBe((await host.ok('projects.current', {}))!.sampleCount);
    const out = tempDir();
    for (const [format, input] of [
      ['coco', (dir: string) => join(dir, 'train', 'annotations.json')],
      ['yolo', (dir: string) => join(dir, 'data.yaml')],
      ['voc', (dir: string) => dir],
    ] as const) {
      const dir = join(out, format);
      await host.ok('datasets.export', { version: version.version, format, outDir: dir, copyMedia: true });
      // COCO has a file per split; the others are read whole.
      const inputs = format === 'coco' ? ['train', 'val', 'test'].map((split) => join(dir, split, 'annotations.json')) : [input(dir)];
      let labelerId = 0;
      for (const path of inputs) {
        const report = await host.ok('labels.import', { labeler: `from-${format}`, format, path });
        expect(report.problems).toEqual([]);
        labelerId = report.labelerId!;
      }
      const result = projectAgreement(await agreementWithGold(host, labelerId, version.version), 'bbox', { bootstrap: false });
      expect(result.overall.value, format).toBe(1);
      expect(result.overall.classAgreement, format).toBe(1);
    }
  });

  it('round-trips the transcript JSONL manifest, and writes CSV for audiofolder loaders', async () => {
    const host = newHost(tempDir());
    await host.ok('projects.openDemo', { kind: 'transcript' });
    const eli = (await host.ok('labelers.list', {})).find((l) => l.name === 'eli')!;
    await host.signInAs(eli.id);
    const version = await everything(host);
    const dir = join(tempDir(), 'jsonl');
    await host.ok('datasets.export', { version: version.version, format: 'jsonl', outDir: dir, copyMedia: true });
    const row = JSON.parse(readFileSync(join(dir, 'train', 'manifest.jsonl'), 'utf8').split('\n')[0]!) as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(expect.arrayContaining(['audio_filepath', 'duration', 'text']));
    let labelerId = 0;
    for (const split of ['train', 'val', 'test']) {
      const report = await host.ok('labels.import', { labeler: 'from-jsonl', format: 'jsonl', path: join(dir, split, 'manifest.jsonl') });
      expect(report.problems).toEqual([]);
      labelerId = report.labelerId!;
    }
    const result = projectAgreement(await agreementWithGold(host, labelerId, version.version), 'transcript', { bootstrap: false });
    expect(result.overall.value).toBe(1);
    const csvDir = join(tempDir(), 'csv');
    await host.ok('datasets.export', { version: version.version, format: 'csv', outDir: csvDir, copyMedia: false });
    expect(readFileSync(join(csvDir, 'train', 'metadata.csv'), 'utf8').split('\n')[0]).toBe('file_name,duration,text,flagged');
    expect((await host.fails('datasets.export', { version: version.version, format: 'coco', outDir: join(tempDir(), 'x') })).message).toMatch(
      /not a format for transcripts/,
    );
  });

  it('re-exports a version byte for byte, with its manifest and card, and never half-writes one', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const version = await everything(host);
    const out = tempDir();
    await host.ok('datasets.export', { version: version.version, format: 'coco', outDir: join(out, 'a'), copyMedia: true });
    await host.ok('datasets.export', { version: version.version, format: 'coco', outDir: join(out, 'b'), copyMedia: true });
    const a = tree(join(out, 'a'));
    expect(tree(join(out, 'b'))).toEqual(a);
    const manifest = JSON.parse(a.get('manifest.json')!.toString()) as DatasetSummary & { format: string };
    expect(manifest).toMatchObject({ version: 1, format: 'coco', contentHash: version.contentHash, counts: version.counts });
    expect(a.get('DATASET.md')!.toString()).toMatch(/^# Demo: everyday objects: dataset v1/);
    expect((await host.fails('datasets.export', { version: 1, format: 'coco', outDir: join(out, 'a') })).message).toMatch(/already exists/);

    // An export that fails midway (a media file gone) leaves no folder; leftovers of a killed one are cleared.
    mkdirSync(join(out, '.concord-export-c-deadbeef'));
    writeFileSync(join(out, '.concord-export-c-deadbeef', 'partial.json'), '{');
    const current = (await host.ok('projects.current', {}))!;
    rmSync(join(current.dir, 'media'), { recursive: true, force: true });
    expect((await host.fails('datasets.export', { version: 1, format: 'coco', outDir: join(out, 'c'), copyMedia: true })).code).toBeDefined();
    expect(readdirSync(out).sort()).toEqual(['a', 'b']);
  });

  it.each(['datasets.create', 'datasets.preview'] as const)('collects what became unreachable while %s ran before answering', async (name) => {
    // Objects that outlive the project's opening (so a young-generation scavenge never frees them) and die while the
    // version is made, as its own pages and items do: only a full collection frees them, which V8 alone would run later.
    const held = [Array.from({ length: 10_000 }, (_, i) => [i, i + 1])];
    const dropped = new WeakRef(held[0]!);
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const making = host.ok(name, seededSplits(3));
    held.length = 0;
    expect((await making).counts.train).toBeGreaterThan(0);
    expect(dropped.deref()).toBeUndefined();
  });

  it('collects what became unreachable while an export ran before answering', async () => {
    // As above: objects that outlive the version made first (its full collection moves them to the old generation) and
    // die while the export writes, as what it keeps of the version does.
    const held = [Array.from({ length: 10_000 }, (_, i) => [i, i + 1])];
    const dropped = new WeakRef(held[0]!);
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const { version } = await everything(host);
    const exporting = host.ok('datasets.export', { version, format: 'yolo', outDir: join(tempDir(), 'yolo') });
    held.length = 0;
    expect((await exporting).files).toBeGreaterThan(0);
    expect(dropped.deref()).toBeUndefined();
  });

  it('compares versions: relabelled, moved, added and removed samples', async () => {
    const host = newHost(tempDir());
    await openDemoAs(host, 'bbox', 'eli');
    const first = await everything(host);
    const queue = await host.ok('review.queue', {});
    const coins = queue.items.find((item) => item.displayName === 'coins.png')!;
    const people = await host.ok('labelers.list', {});
    const ana = people.find((l) => l.name === 'ana')!;
    const { answersAt } = await host.ok('review.sample', { sampleId: coins.sampleId });
    // The SME decides; the engineer makes the next version.
    await host.signInAs(people.find((l) => l.name === 'sam')!.id);
    await host.ok('review.decide', { sampleId: coins.sampleId, choice: 'labeler', labelerId: ana.id, baseRevision: null, answersSeenAt: answersAt });
    await host.signInAs(people.find((l) => l.name === 'eli')!.id);
    const second = await host.ok('datasets.create', {
      ratios: [0.5, 0.25, 0.25],
      seed: 4,
      minAgreement: 0.9,
      unresolved: 'exclude',
      stratifyTags: [],
      pinTestFrom: first.version,
    });
    const diff = await host.ok('datasets.compare', { from: first.version, to: second.version });
    expect(diff.relabelled.map((r) => r.fileName)).toContain('coins.png');
    expect(diff.removed.length).toBe(second.excluded);
    expect(diff.added).toEqual([]);
    expect(second.bySource.gold).toBe(1);
    expect(second.contentHash).not.toBe(first.contentHash);
  });
});
