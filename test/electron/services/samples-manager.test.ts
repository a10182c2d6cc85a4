import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { SampleFilter, SampleSort } from '../../../shared/domain/sample';
import { describeOnEngines } from '../../support/engines';
import { writeImage, writeText } from '../../support/media-fixtures';
import { importAndWait, useServiceHost, TEST_PASSWORD } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const noBoxes = { v: 1 as const, kind: 'bbox' as const, boxes: [], noObjects: true, flags: { unsure: false, comment: '', mediaBroken: false }, tags: [] };

describeOnEngines('the Samples data manager', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);

  /** Five images in import order c, a, e, b, d; a submitted by ana, e a draft; tags on c (night), a (dark), b (dark, night). */
  async function setUp() {
    const media = tempDir();
    const names = ['c.png', 'a.png', 'e.png', 'b.png', 'd.png'];
    for (const [i, name] of names.entries()) await writeImage(join(media, name), 'png', 8, 8, i + 1);
    writeText(join(media, 'm.csv'), ['file,tags', 'c.png,night', 'a.png,dark', 'e.png,', 'b.png,dark;night', 'd.png,'].join('\n'));
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, join(media, 'm.csv'));
    const ids = new Map((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.id]));
    const ana = await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    await host.signInAs(ana.id);
    const save = (name: string, status: 'draft' | 'submitted') =>
      host.ok('annotations.save', { labelerId: ana.id, sampleId: ids.get(name)!, status, baseRevision: null, payload: noBoxes });
    await save('a.png', 'submitted');
    await save('e.png', 'draft');
    await host.ok('session.signIn', { method: 'owner' });
    const names_ = async (sort: Partial<SampleSort>, filter: SampleFilter = { tags: [] }) =>
      (await host.ok('samples.list', { sort: { by: 'added', descending: false, ...sort }, filter })).items.map((s) => s.displayName);
    return { host, ids, names: names_ };
  }

  it('sorts by name, import order, labeling status and tag, either way, with ties in import order', async () => {
    const { host, names } = await setUp();
    expect(await names({ by: 'added' })).toEqual(['c.png', 'a.png', 'e.png', 'b.png', 'd.png']);
    expect(await names({ by: 'name' })).toEqual(['a.png', 'b.png', 'c.png', 'd.png', 'e.png']);
    expect(await names({ by: 'name', descending: true })).toEqual(['e.png', 'd.png', 'c.png', 'b.png', 'a.png']);
    expect(await names({ by: 'status' })).toEqual(['c.png', 'b.png', 'd.png', 'e.png', 'a.png']);
    expect(await names({ by: 'status', descending: true })).toEqual(['a.png', 'e.png', 'd.png', 'b.png', 'c.png']);
    // By first tag name; untagged samples last either way.
    expect(await names({ by: 'tag' })).toEqual(['a.png', 'b.png', 'c.png', 'e.png', 'd.png']);
    expect(await names({ by: 'tag', descending: true })).toEqual(['c.png', 'b.png', 'a.png', 'd.png', 'e.png']);
    expect(await names({ by: 'name' }, { tags: ['dark'] })).toEqual(['a.png', 'b.png']);

    // Pages of a sorted list hold every sample once.
    const paged = [];
    for (let offset = 0; offset < 5; offset += 2) {
      const page = await host.ok('samples.list', { sort: { by: 'status', descending: false }, offset, limit: 2 });
      expect(page.total).toBe(5);
      paged.push(...page.items.map((s) => s.displayName));
    }
    expect(paged).toEqual(await names({ by: 'status' }));
  });

  it('tags every sample matching a filter, beyond the page shown, and only those', async () => {
    const { host, names } = await setUp();
    const matching = { tags: [], status: 'unlabeled' as const };
    expect((await host.ok('samples.list', { filter: matching, limit: 1 })).total).toBe(3);
    expect(await host.ok('samples.tagMatching', { filter: matching, tag: 'to-check' })).toEqual({ tagged: 3 });
    expect(await names({ by: 'name' }, { tags: ['to-check'] })).toEqual(['b.png', 'c.png', 'd.png']);
    // Tagging again keeps each tag once; a filter matching nothing tags nothing.
    expect(await host.ok('samples.tagMatching', { filter: matching, tag: 'to-check' })).toEqual({ tagged: 3 });
    expect((await host.ok('samples.list', { filter: { tags: ['to-check'] } })).total).toBe(3);
    expect(await host.ok('samples.tagMatching', { filter: { tags: [], search: 'zzz' }, tag: 'none' })).toEqual({ tagged: 0 });
    expect((await host.ok('projects.current', {}))!.tags.map((t) => t.name)).not.toContain('none');
  });
});
