import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BboxPayload } from '../../../shared/annotation/payload';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const oneBox = (classId: number, width: number): BboxPayload => ({
  v: 1,
  kind: 'bbox',
  boxes: [{ id: 'b', classId, x1: 1, y1: 1, x2: 1 + width, y2: 20 }],
  noObjects: false,
  flags: { unsure: false, comment: '', mediaBroken: false },
  tags: [],
});

/**
 * Saves `count` drafts in turn over the labeler's queue, each on top of the revision the
 * last one confirmed, and returns what every sample should now hold.
 */
async function saveMany(host: TestHost, labelerId: number, count: number): Promise<Map<number, { revision: number; width: number }>> {
  const classId = (await host.ok('projects.current', {}))!.classes[0]!.id;
  const samples = (await host.ok('queue.get', { labelerId })).items.map((item) => item.sampleId);
  const confirmed = new Map<number, { revision: number; width: number }>();
  for (const sampleId of samples) {
    const mine = await host.ok('annotations.mine', { labelerId, sampleId });
    confirmed.set(sampleId, { revision: mine?.revision ?? 0, width: -1 });
  }
  for (let i = 0; i < count; i++) {
    const sampleId = samples[i % samples.length]!;
    const base = confirmed.get(sampleId)!.revision;
    const width = 10 + i;
    const saved = await host.ok('annotations.save', { labelerId, sampleId, status: 'draft', baseRevision: base || null, payload: oneBox(classId, width) });
    confirmed.set(sampleId, { revision: saved.revision, width });
  }
  return confirmed;
}

async function expectAllPresent(host: TestHost, labelerId: number, confirmed: Map<number, { revision: number; width: number }>) {
  for (const [sampleId, { revision, width }] of confirmed) {
    if (width < 0) continue;
    const mine = await host.ok('annotations.mine', { labelerId, sampleId });
    expect(mine?.revision, `sample ${sampleId}`).toBe(revision);
    expect((mine?.payload as BboxPayload).boxes[0]!.x2).toBe(1 + width);
  }
}

describe('two writers on one project', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  /** The app (a web host) on the demo, and a CLI host on the same project folder beside it. */
  async function appAndCli() {
    const app = newHost(tempDir());
    const people = await openDemoAs(app, 'bbox', 'ana');
    const dir = (await app.ok('projects.current', {}))!.dir;
    const cli = newHost(tempDir(), { hostKind: 'cli' });
    await cli.ok('projects.open', { dir });
    return { app, cli, people };
  }

  it('keeps every save of both when two hosts save at the same time', async () => {
    const { app, cli, people } = await appAndCli();
    await cli.ok('session.signIn', { method: 'demo', labelerId: people.get('ben')! });
    const [anaSaves, benSaves] = await Promise.all([saveMany(app, people.get('ana')!, 24), saveMany(cli, people.get('ben')!, 24)]);
    await expectAllPresent(app, people.get('ana')!, anaSaves);
    await expectAllPresent(cli, people.get('ben')!, benSaves);
  });

  it('exports a dataset and imports labels from the command line while the app is saving', async () => {
    const { app, cli, people } = await appAndCli();
    const outDir = join(tempDir(), 'out');
    const commandLine = (async () => {
      const version = await cli.ok('datasets.create', { ratios: [1, 0, 0], seed: 1, minAgreement: 0, unresolved: 'flag', stratifyTags: [], pinTestFrom: null });
      const exported = await cli.ok('datasets.export', { version: version.version, format: 'coco', outDir, copyMedia: false });
      const imported = await cli.ok('labels.import', { labeler: 'from-coco', format: 'coco', path: join(outDir, 'train', 'annotations.json') });
      return { exported, imported };
    })();
    const [saves, { exported, imported }] = await Promise.all([saveMany(app, people.get('ana')!, 40), commandLine]);
    expect(exported.files).toBeGreaterThan(0);
    expect(imported.imported).toBeGreaterThan(0);
    await expectAllPresent(app, people.get('ana')!, saves);
  });
});
