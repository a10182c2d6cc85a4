import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AgreementLedger } from '../../../shared/agreement';
import type { SampleFilter } from '../../../shared/domain/sample';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { describeOnEngines } from '../../support/engines';
import { openDemoAs, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

type Bound = NonNullable<SampleFilter['agreement']>;
const BOUNDS: Bound[] = [{ below: 0.5 }, { below: 0.8 }, { atLeast: 0.8 }, { atLeast: 1 }, { atLeast: 0.3, below: 0.9 }];

/**
 * Every sample's agreement as Samples answers it (kept in the database), against the dashboard's
 * ledger filled from every submitted answer in the database now: the scores, both orders (whole
 * and page by page), each bound alone and with a tag filter.
 */
async function expectKeptEqualsComputed(host: TestHost, dir: string): Promise<void> {
  const connection = await host.openDatabase(dir);
  const expected = new Map<number, number>();
  try {
    const packed = AgreementLedger.of('bbox', await submittedForAgreement(connection.db), { bootstrap: false }).scores();
    for (let at = 0; at < packed.length; at += 2) expected.set(packed[at]!, 1 - packed[at + 1]!);
  } finally {
    await connection.close();
  }
  const ids = (await host.ok('samples.list', { limit: 500 })).items.map((s) => s.id);
  expect(expected.size).toBeGreaterThan(1);
  const scores = await host.ok('samples.agreement', { sampleIds: ids });
  expect(scores).toEqual(ids.map((sampleId) => ({ sampleId, agreement: expected.get(sampleId) ?? null })));

  // The order the list had when it sorted in memory: by agreement, ties and uncompared samples by id, both in the direction asked.
  const inOrder = (among: number[], descending: boolean) => {
    const sign = descending ? -1 : 1;
    const compared = among.filter((id) => expected.has(id)).sort((x, y) => sign * (expected.get(x)! - expected.get(y)! || x - y));
    return [...compared, ...among.filter((id) => !expected.has(id)).sort((x, y) => sign * (x - y))];
  };
  const within = (bound: Bound) => (id: number) => {
    const value = expected.get(id);
    return value !== undefined && (bound.below === undefined || value < bound.below) && (bound.atLeast === undefined || value >= bound.atLeast);
  };
  const list = async (filter: SampleFilter, descending: boolean, by: 'agreement' | 'added', limit = 500, offset = 0) =>
    host.ok('samples.list', { filter, sort: { by, descending }, limit, offset });
  for (const descending of [false, true]) {
    const whole = await list({ tags: [] }, descending, 'agreement');
    expect(whole.items.map((s) => s.id)).toEqual(inOrder(ids, descending));
    const paged: number[] = [];
    for (let offset = 0; offset < ids.length; offset += 3) {
      const page = await list({ tags: [] }, descending, 'agreement', 3, offset);
      expect(page.total).toBe(ids.length);
      paged.push(...page.items.map((s) => s.id));
    }
    expect(paged).toEqual(whole.items.map((s) => s.id));
    for (const bound of BOUNDS) {
      const matching = ids.filter(within(bound));
      const sorted = await list({ tags: [], agreement: bound }, descending, 'agreement');
      expect(sorted, JSON.stringify(bound)).toMatchObject({ total: matching.length, items: inOrder(matching, descending).map((id) => ({ id })) });
      const added = await list({ tags: [], agreement: bound }, descending, 'added');
      expect(added.items.map((s) => s.id)).toEqual([...matching].sort((x, y) => (descending ? y - x : x - y)));
    }
  }
  // With a sample filter beside it, the order goes through the samples rather than the scores alone.
  const night = (await host.ok('samples.list', { filter: { tags: ['night'] }, limit: 500 })).items.map((s) => s.id);
  expect((await list({ tags: ['night'] }, false, 'agreement')).items.map((s) => s.id)).toEqual(inOrder(night, false));
  expect((await list({ tags: ['night'], agreement: { below: 0.8 } }, true, 'agreement')).items.map((s) => s.id)).toEqual(
    inOrder(night.filter(within({ below: 0.8 })), true),
  );
}

describeOnEngines('Samples agreement kept in the project database', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  it('equals the dashboard’s scores after submissions, relabels, tags, imports and removals, and after reopening', async () => {
    const host = newHost(tempDir());
    const labelers = await openDemoAs(host, 'bbox', 'sam');
    const { dir, classes } = (await host.ok('projects.current', {}))!;
    const samples = (await host.ok('samples.list', { limit: 500 })).items;
    await host.ok('samples.tag', { sampleIds: samples.slice(0, 4).map((s) => s.id), tag: 'night' });
    await expectKeptEqualsComputed(host, dir);

    // Chen submits their astronaut draft: a sample compared anew.
    const astronaut = samples.find((s) => s.displayName === 'astronaut.jpg')!.id;
    const chen = labelers.get('chen')!;
    await host.signInAs(chen);
    const draft = (await host.ok('annotations.mine', { labelerId: chen, sampleId: astronaut }))!;
    await host.ok('annotations.save', { labelerId: chen, sampleId: astronaut, status: 'submitted', baseRevision: draft.revision, payload: draft.payload });
    await host.signInAs(labelers.get('sam')!);
    await expectKeptEqualsComputed(host, dir);

    // Sent back for relabeling (the last answers still count until new ones are submitted), a tag taken off.
    await host.ok('samples.relabel', { selection: { ids: samples.slice(-3).map((s) => s.id) }, reason: 'boxes too loose' });
    await host.ok('samples.untag', { selection: { ids: [samples[0]!.id] }, tag: 'night' });
    await expectKeptEqualsComputed(host, dir);

    // A vendor's labels imported: one box on three images, so samples with one answer become compared.
    const images = samples.slice(0, 3).map((s, i) => ({ id: i + 1, file_name: s.displayName, width: 640, height: 480 }));
    const path = join(tempDir(), 'vendor.json');
    const annotations = images.map((image) => ({ id: image.id, image_id: image.id, category_id: 1, bbox: [40, 40, 120, 90] }));
    writeFileSync(path, JSON.stringify({ images, annotations, categories: [{ id: 1, name: classes[0]!.name }] }));
    await host.ok('session.signIn', { method: 'owner' });
    expect((await host.ok('labels.import', { labeler: 'vendor', format: 'coco', path })).imported).toBe(3);
    await expectKeptEqualsComputed(host, dir);

    // One labeler's answer removed underneath (as another server's write would): its sample is scored again.
    const connection = await host.openDatabase(dir);
    try {
      const answer = await connection.db
        .selectFrom('annotation')
        .select(['id', 'sample_id'])
        .where('status', '=', 'submitted')
        .where('sample_id', '=', astronaut)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await connection.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('annotation_revision').where('annotation_id', '=', answer.id).execute();
        await trx.deleteFrom('annotation').where('id', '=', answer.id).execute();
      });
    } finally {
      await connection.close();
    }
    await expectKeptEqualsComputed(host, dir);

    // Reopened, the kept scores answer alike.
    await host.ok('projects.close', {});
    await host.ok('projects.open', { dir });
    await expectKeptEqualsComputed(host, dir);
  });
});
