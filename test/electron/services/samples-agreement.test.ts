import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { SampleFilter, SampleSort } from '../../../shared/domain/sample';
import { describeOnEngines } from '../../support/engines';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, useServiceHost, TEST_PASSWORD } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

type Box = { id: string; classId: number; x1: number; y1: number; x2: number; y2: number };
const boxes = (list: Box[]) => ({
  v: 1 as const,
  kind: 'bbox' as const,
  boxes: list,
  noObjects: list.length === 0,
  flags: { unsure: false, comment: '', mediaBroken: false },
  tags: [],
});

describeOnEngines('Samples sorted and filtered by agreement', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  /**
   * Five images in import order s1…s5. ana and ben submit s1 with the same box, s2 with boxes
   * a little apart, s3 with a box against none; only ana submits s4; nobody s5.
   */
  async function setUp() {
    const media = tempDir();
    for (let i = 1; i <= 5; i++) await writeImage(join(media, `s${i}.png`), 'png', 64, 64, i);
    const host = newHost(tempDir());
    const project = await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    const car = project.classes[0]!.id;
    await importAndWait(host, media);
    const ids = new Map((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.id]));
    const ana = await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    const ben = await host.ok('labelers.create', { name: 'ben', password: TEST_PASSWORD });
    const box = (x: number): Box => ({ id: 'b1', classId: car, x1: x, y1: 10, x2: x + 30, y2: 40 });
    const submit = async (labelerId: number, name: string, list: Box[], baseRevision: number | null = null) => {
      await host.signInAs(labelerId);
      await host.ok('annotations.save', { labelerId, sampleId: ids.get(name)!, status: 'submitted', baseRevision, payload: boxes(list) });
    };
    for (const name of ['s1', 's2', 's3', 's4']) await submit(ana.id, `${name}.png`, [box(10)]);
    await submit(ben.id, 's1.png', [box(10)]);
    await submit(ben.id, 's2.png', [box(16)]);
    await submit(ben.id, 's3.png', []);
    await host.ok('session.signIn', { method: 'owner' });
    const names = async (sort: Partial<SampleSort>, filter: SampleFilter = { tags: [] }, page = { offset: 0, limit: 100 }) =>
      (await host.ok('samples.list', { sort: { by: 'added', descending: false, ...sort }, filter, ...page })).items.map((s) => s.displayName);
    return { host, ids, names, ana, ben, submit, box };
  }

  it('answers each sample’s agreement from the kept ledger: null where fewer than two labelers submitted', async () => {
    const { host, ids } = await setUp();
    const scores = await host.ok('samples.agreement', { sampleIds: ['s1.png', 's2.png', 's3.png', 's4.png', 's5.png'].map((n) => ids.get(n)!) });
    const [s1, s2, s3, s4, s5] = scores.map((s) => s.agreement);
    expect(s1).toBe(1);
    expect(s2).toBeGreaterThan(0);
    expect(s2).toBeLessThan(1);
    expect(s3).toBeLessThan(s2!);
    expect([s4, s5]).toEqual([null, null]);
    // The same figure the dashboard ranks samples by (1 − its disagreement score).
    const dashboard = await host.ok('agreement.project', {});
    expect(dashboard.worstSamples).toHaveLength(dashboard.samplesCompared); // every compared sample is listed at this size
    for (const { sampleId, agreement } of scores) {
      const row = dashboard.worstSamples.find((r) => r.sampleId === sampleId);
      expect(agreement).toBe(row ? 1 - row.score : null);
    }
  });

  it('sorts the whole list by agreement before paging, either way, samples not compared last', async () => {
    const { host, names } = await setUp();
    expect(await names({ by: 'agreement' })).toEqual(['s3.png', 's2.png', 's1.png', 's4.png', 's5.png']);
    expect(await names({ by: 'agreement', descending: true })).toEqual(['s1.png', 's2.png', 's3.png', 's5.png', 's4.png']);
    // Pages of two hold the same order, each sample once, and the total is the whole list's.
    const paged = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const page = await host.ok('samples.list', { sort: { by: 'agreement', descending: false }, offset, limit: 2 });
      expect(page.total).toBe(5);
      paged.push(...page.items.map((s) => s.displayName));
    }
    expect(paged).toEqual(['s3.png', 's2.png', 's1.png', 's4.png', 's5.png']);
  });

  it('filters by agreement, combined with other filters and orders; not-compared samples match no bound', async () => {
    const { host, names } = await setUp();
    expect(await names({ by: 'added' }, { tags: [], agreement: { below: 0.99 } })).toEqual(['s2.png', 's3.png']);
    expect(await names({ by: 'name', descending: true }, { tags: [], agreement: { atLeast: 0 } })).toEqual(['s3.png', 's2.png', 's1.png']);
    expect(await names({ by: 'added' }, { tags: [], agreement: { atLeast: 0.99 } })).toEqual(['s1.png']);
    expect(await names({ by: 'added' }, { tags: [], search: 's3', agreement: { below: 0.99 } })).toEqual(['s3.png']);
    const page = await host.ok('samples.list', { filter: { tags: [], agreement: { below: 0.99 } }, limit: 1 });
    expect(page.total).toBe(2);
    expect((await host.fails('samples.list', { filter: { tags: [], agreement: {} } })).code).toBe('invalid_argument');
  });

  it('acts on all samples matching an agreement filter, and only those', async () => {
    const { host, names } = await setUp();
    const tagged = await host.ok('samples.tagMatching', { filter: { tags: [], agreement: { below: 0.99 } }, tag: 'unsure' });
    expect(tagged.tagged).toBe(2);
    expect(await names({ by: 'added' }, { tags: ['unsure'] })).toEqual(['s2.png', 's3.png']);
    const untagged = await host.ok('samples.untag', { selection: { filter: { tags: ['unsure'], agreement: { below: 0.5 } } }, tag: 'unsure' });
    expect(untagged).toMatchObject({ selected: 1, changed: 1 });
    expect(await names({ by: 'added' }, { tags: ['unsure'] })).toEqual(['s2.png']);
  });

  it('keeps the order current: a resubmission moves its sample', async () => {
    const { host, names, ben, submit, box } = await setUp();
    expect((await names({ by: 'agreement' }))[0]).toBe('s3.png');
    await submit(ben.id, 's3.png', [box(10)], 1);
    await host.ok('session.signIn', { method: 'owner' });
    expect(await names({ by: 'agreement' })).toEqual(['s2.png', 's1.png', 's3.png', 's4.png', 's5.png']);
  });

  it("answers a page's agreement alike before and after a list sorted by agreement, and after changes", async () => {
    const { host, ids, ben, submit, box } = await setUp();
    const page = ['s1.png', 's2.png', 's3.png', 's4.png', 's5.png'].map((n) => ids.get(n)!);
    const agreement = async () => (await host.ok('samples.agreement', { sampleIds: page })).map((s) => s.agreement);
    // A resubmission before any list sorted by agreement: the page's scores follow it.
    await submit(ben.id, 's2.png', [box(10)], 1);
    await host.ok('session.signIn', { method: 'owner' });
    const fromPage = await agreement();
    expect(fromPage).toEqual([1, 1, fromPage[2], null, null]);
    expect(fromPage[2]).toBeLessThan(1);
    // A list sorted by agreement leaves the page's figures as they were.
    await host.ok('samples.list', { sort: { by: 'agreement', descending: false } });
    expect(await agreement()).toEqual(fromPage);
    await submit(ben.id, 's3.png', [box(10)], 1);
    await host.ok('session.signIn', { method: 'owner' });
    expect(await agreement()).toEqual([1, 1, 1, null, null]);
  });
});
