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
    // Metadata: camera as text (d has none), speed a number on a, b, c and a text on e.
    const rows = [
      { file: 'c.png', tags: ['night'], camera: 'north', speed: 10 },
      { file: 'a.png', tags: ['dark'], camera: 'south', speed: 9 },
      { file: 'e.png', tags: [], camera: 'north', speed: 'fast' },
      { file: 'b.png', tags: ['dark', 'night'], camera: 'east', speed: 2.5 },
      { file: 'd.png', tags: [] },
    ];
    writeText(join(media, 'm.jsonl'), rows.map((row) => JSON.stringify(row)).join('\n'));
    const host = newHost(tempDir());
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, join(media, 'm.jsonl'));
    const ids = new Map((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.id]));
    const ana = await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    const ben = await host.ok('labelers.create', { name: 'ben', password: TEST_PASSWORD });
    await host.signInAs(ana.id);
    const save = (name: string, status: 'draft' | 'submitted', timeSpentMs: number) =>
      host.ok('annotations.save', { labelerId: ana.id, sampleId: ids.get(name)!, status, baseRevision: null, payload: noBoxes, timeSpentMs });
    await save('a.png', 'submitted', 40_000);
    await save('e.png', 'draft', 5_000);
    await host.signInAs(ben.id);
    await host.ok('annotations.save', {
      labelerId: ben.id,
      sampleId: ids.get('a.png')!,
      status: 'draft',
      baseRevision: null,
      payload: noBoxes,
      timeSpentMs: 1_000,
    });
    await host.ok('annotations.save', {
      labelerId: ben.id,
      sampleId: ids.get('d.png')!,
      status: 'submitted',
      baseRevision: null,
      payload: noBoxes,
      timeSpentMs: 20_000,
    });
    await host.ok('session.signIn', { method: 'owner' });
    const names_ = async (sort: Partial<SampleSort>, filter: SampleFilter = { tags: [] }) =>
      (await host.ok('samples.list', { sort: { by: 'added', descending: false, ...sort }, filter })).items.map((s) => s.displayName);
    return { host, ids, names: names_, ana, ben };
  }

  it('sorts by name, import order, labeling status and tag, either way, with ties in import order', async () => {
    const { host, names } = await setUp();
    expect(await names({ by: 'added' })).toEqual(['c.png', 'a.png', 'e.png', 'b.png', 'd.png']);
    expect(await names({ by: 'name' })).toEqual(['a.png', 'b.png', 'c.png', 'd.png', 'e.png']);
    expect(await names({ by: 'name', descending: true })).toEqual(['e.png', 'd.png', 'c.png', 'b.png', 'a.png']);
    // Unlabeled c, b; the draft e; then d (one submission, one annotation) and a (one submission, two annotations).
    expect(await names({ by: 'status' })).toEqual(['c.png', 'b.png', 'e.png', 'd.png', 'a.png']);
    expect(await names({ by: 'status', descending: true })).toEqual(['a.png', 'd.png', 'e.png', 'b.png', 'c.png']);
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

  it('sorts by time spent, labelers and a metadata field, and pages such a sort whole', async () => {
    const { host, names } = await setUp();
    // a 41 s (ana and ben), d 20 s, e 5 s, c and b none.
    expect(await names({ by: 'time' })).toEqual(['c.png', 'b.png', 'e.png', 'd.png', 'a.png']);
    expect(await names({ by: 'time', descending: true })).toEqual(['a.png', 'd.png', 'e.png', 'b.png', 'c.png']);
    expect((await host.ok('samples.list', { sort: { by: 'time', descending: true }, limit: 1 })).items[0]).toMatchObject({
      displayName: 'a.png',
      timeSpentMs: 41_000,
    });
    expect(await names({ by: 'labelers', descending: true })).toEqual(['a.png', 'd.png', 'e.png', 'b.png', 'c.png']);
    // Text: d has no camera and comes last either way.
    expect(await names({ by: 'metadata', field: 'camera' })).toEqual(['b.png', 'c.png', 'e.png', 'a.png', 'd.png']);
    expect(await names({ by: 'metadata', field: 'camera', descending: true })).toEqual(['a.png', 'e.png', 'c.png', 'b.png', 'd.png']);
    // Numbers by value (9 before 10, not as text), then text; d without the field last.
    expect(await names({ by: 'metadata', field: 'speed' })).toEqual(['b.png', 'a.png', 'c.png', 'e.png', 'd.png']);
    expect(await names({ by: 'metadata', field: 'speed', descending: true })).toEqual(['e.png', 'c.png', 'a.png', 'b.png', 'd.png']);
    expect(await names({ by: 'metadata', field: 'nowhere' })).toEqual(['c.png', 'a.png', 'e.png', 'b.png', 'd.png']);

    const paged = [];
    for (let offset = 0; offset < 5; offset += 2) {
      paged.push(
        ...(await host.ok('samples.list', { sort: { by: 'metadata', field: 'speed', descending: false }, offset, limit: 2 })).items.map((s) => s.displayName),
      );
    }
    expect(paged).toEqual(await names({ by: 'metadata', field: 'speed' }));
    // A metadata sort names its field; a field name a JSON path would have to escape is refused.
    expect((await host.call('samples.list', { sort: { by: 'metadata', descending: false } })).ok).toBe(false);
    expect((await host.call('samples.list', { sort: { by: 'metadata', field: 'a"b', descending: false } })).ok).toBe(false);
  });

  it('combines filters: status, tag, labeler and a metadata value', async () => {
    const { names, ana, ben } = await setUp();
    expect(await names({ by: 'name' }, { tags: [], labelerId: ana.id })).toEqual(['a.png', 'e.png']);
    expect(await names({ by: 'name' }, { tags: [], labelerId: ben.id })).toEqual(['a.png', 'd.png']);
    expect(await names({ by: 'name' }, { tags: [], labelerId: ben.id, status: 'submitted' })).toEqual(['a.png', 'd.png']);
    expect(await names({ by: 'name' }, { tags: ['dark'], labelerId: ben.id })).toEqual(['a.png']);
    expect(await names({ by: 'name' }, { tags: [], metadata: { field: 'camera', value: 'north' } })).toEqual(['c.png', 'e.png']);
    expect(await names({ by: 'name' }, { tags: ['night'], metadata: { field: 'camera', value: 'north' } })).toEqual(['c.png']);
    // Numbers match as written.
    expect(await names({ by: 'name' }, { tags: [], metadata: { field: 'speed', value: '2.5' } })).toEqual(['b.png']);
    expect(await names({ by: 'name' }, { tags: [], metadata: { field: 'speed', value: '10' } })).toEqual(['c.png']);
    expect(await names({ by: 'name' }, { tags: [], status: 'unlabeled', metadata: { field: 'camera', value: 'north' } })).toEqual(['c.png']);
  });

  it('tags every sample matching a filter, beyond the page shown, and only those', async () => {
    const { host, names } = await setUp();
    const matching = { tags: [], status: 'unlabeled' as const };
    expect((await host.ok('samples.list', { filter: matching, limit: 1 })).total).toBe(2);
    expect(await host.ok('samples.tagMatching', { filter: matching, tag: 'to-check' })).toEqual({ tagged: 2 });
    expect(await names({ by: 'name' }, { tags: ['to-check'] })).toEqual(['b.png', 'c.png']);
    // Tagging again keeps each tag once; a filter matching nothing tags nothing.
    expect(await host.ok('samples.tagMatching', { filter: matching, tag: 'to-check' })).toEqual({ tagged: 2 });
    expect((await host.ok('samples.list', { filter: { tags: ['to-check'] } })).total).toBe(2);
    expect(await host.ok('samples.tagMatching', { filter: { tags: [], search: 'zzz' }, tag: 'none' })).toEqual({ tagged: 0 });
    expect((await host.ok('projects.current', {}))!.tags.map((t) => t.name)).not.toContain('none');
  });

  it('acts on picked samples or all matching: assign, untag, accept consensus, relabel; each says what it did and is audited', async () => {
    const { host, ids, names, ana, ben } = await setUp();
    const id = (name: string) => ids.get(name)!;
    // Ben submits a too: a has two answers, the only sample a consensus can be taken of.
    await host.signInAs(ben.id);
    await host.ok('annotations.save', { labelerId: ben.id, sampleId: id('a.png'), status: 'submitted', baseRevision: 1, payload: noBoxes });
    await host.ok('session.signIn', { method: 'owner' });

    expect(await host.ok('samples.assign', { selection: { ids: [id('a.png'), id('b.png'), id('c.png')] }, labelerId: ana.id })).toEqual({
      selected: 3,
      changed: 3,
      unchanged: 0,
      labeler: 'ana',
    });
    expect(await host.ok('samples.assign', { selection: { filter: { tags: ['dark'] } }, labelerId: ana.id })).toMatchObject({
      selected: 2,
      changed: 0,
      unchanged: 2,
    });
    expect(await names({ by: 'name' }, { tags: [], labelerId: ana.id })).toEqual(['a.png', 'b.png', 'c.png', 'e.png']);
    const unknown = await host.call('samples.assign', { selection: { ids: [id('a.png')] }, labelerId: 9999 });
    expect(unknown.ok ? null : unknown.error.code).toBe('invalid_argument');

    expect(await host.ok('samples.untag', { selection: { filter: { tags: ['night'] } }, tag: 'night' })).toEqual({ selected: 2, changed: 2, unchanged: 0 });
    expect((await host.ok('samples.list', { filter: { tags: ['night'] } })).total).toBe(0);
    expect(await host.ok('samples.untag', { selection: { ids: [id('a.png'), id('d.png')] }, tag: 'dark' })).toEqual({ selected: 2, changed: 1, unchanged: 1 });
    expect(await names({ by: 'name' }, { tags: ['dark'] })).toEqual(['b.png']);

    const everything = { selection: { filter: { tags: [] } } };
    expect(await host.ok('samples.acceptConsensus', everything)).toEqual({ selected: 5, changed: 1, unchanged: 4 });
    expect((await host.ok('review.sample', { sampleId: id('a.png') })).decision).toMatchObject({ choice: 'auto_consensus' });
    // Decided already: a second bulk accept leaves it as it is.
    expect(await host.ok('samples.acceptConsensus', everything)).toEqual({ selected: 5, changed: 0, unchanged: 5 });

    // a (ana and ben submitted) and d (ben) go back; c was never submitted.
    expect(await host.ok('samples.relabel', { selection: { ids: [id('a.png'), id('d.png'), id('c.png')] }, reason: 'boxes too loose' })).toEqual({
      selected: 3,
      changed: 2,
      unchanged: 1,
      requests: 3,
    });
    expect((await host.ok('samples.list', { filter: { tags: [], status: 'submitted' } })).total).toBe(0);

    const audit = (await host.ok('audit.list', {})).entries.filter((entry) => entry.action.startsWith('samples.'));
    expect(audit.map((entry) => [entry.action, entry.details.changed])).toEqual([
      ['samples.relabel', 2],
      ['samples.acceptConsensus', 0],
      ['samples.acceptConsensus', 1],
      ['samples.untag', 1],
      ['samples.untag', 2],
      ['samples.assign', 0],
      ['samples.assign', 3],
    ]);
  });

  it('refuses bulk actions to labelers and engineers, and changes nothing then', async () => {
    const { host, ids, ana } = await setUp();
    const eve = await host.ok('labelers.create', { name: 'eve', password: TEST_PASSWORD, role: 'engineer' });
    for (const who of [ana.id, eve.id]) {
      await host.signInAs(who);
      const refused = await host.call('samples.assign', { selection: { filter: { tags: [] } }, labelerId: ana.id });
      expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    }
    await host.ok('session.signIn', { method: 'owner' });
    expect((await host.ok('samples.list', { filter: { tags: [], labelerId: ana.id } })).items.map((s) => s.id)).toEqual([ids.get('a.png'), ids.get('e.png')]);
  });
});
