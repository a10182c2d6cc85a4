import { describe, expect, it } from 'vitest';
import type { Box } from '../../../shared/annotation/payload';
import { activeClasses, offeredTags } from '../../../shared/domain/taxonomy';
import { useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describe("changing a project's classes and tags", () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  /** The box demo (classes person, cat, cup, rocket, coin, camera, vehicle; three labelers' boxes), signed in as its SME. */
  async function boxDemoAsSme(): Promise<{ host: TestHost; people: Map<string, number>; classId: (name: string) => number }> {
    const host = newHost(tempDir());
    const project = await host.ok('projects.openDemo', { kind: 'bbox' });
    const people = new Map((await host.ok('labelers.list', {})).map((l) => [l.name, l.id]));
    await host.signInAs(people.get('sam')!);
    const ids = new Map(project.classes.map((c) => [c.name, c.id]));
    return { host, people, classId: (name) => ids.get(name)! };
  }

  it('renames and recolours a class without changing a stored label or any agreement figure', async () => {
    const { host, classId } = await boxDemoAsSme();
    const before = await host.ok('agreement.project', {});
    const astronaut = (await host.ok('samples.list', {})).items.find((s) => s.displayName === 'astronaut.jpg')!.id;
    const anaBefore = await host.ok('review.sample', { sampleId: astronaut });

    const change = await host.ok('taxonomy.change', { action: 'edit', target: 'class', id: classId('rocket'), name: 'Spacecraft', color: '#123abc' });
    expect(change).toMatchObject({
      action: 'edit',
      actor: 'sam',
      before: { name: 'rocket', color: '#f0e442' },
      after: { name: 'Spacecraft', color: '#123abc' },
    });

    const project = await host.ok('projects.current', {});
    expect(project!.classes.find((c) => c.id === classId('rocket'))).toEqual({
      id: classId('rocket'),
      name: 'Spacecraft',
      color: '#123abc',
      hotkey: '4',
      retired: false,
    });
    // Labels keep the class id: the same answers, the same figures (classes are reported by id), one history.
    expect(await host.ok('review.sample', { sampleId: astronaut })).toEqual(anaBefore);
    expect(await host.ok('agreement.project', {})).toEqual(before);
  });

  it('retires a class: labelers are no longer offered it, and labels that have it still read and save', async () => {
    const { host, people, classId } = await boxDemoAsSme();
    await host.ok('taxonomy.change', { action: 'retire', target: 'class', id: classId('cat') });
    await host.ok('taxonomy.change', { action: 'retire', target: 'tag', id: (await host.ok('projects.current', {}))!.tags[0]!.id });

    // Ana labeled the cat in chelsea.jpg; she opens the project as a labeler.
    const ana = people.get('ana')!;
    await host.signInAs(ana);
    const project = (await host.ok('projects.current', {}))!;
    expect(project.classes.find((c) => c.id === classId('cat'))).toMatchObject({ name: 'cat', retired: true, hotkey: null });
    expect(activeClasses(project.classes).map((c) => c.name)).toEqual(['person', 'cup', 'rocket', 'coin', 'camera', 'vehicle']);
    expect(offeredTags(project.tags, []).map((t) => t.name)).not.toContain('blurry');
    expect(offeredTags(project.tags, ['blurry']).map((t) => t.name)).toContain('blurry');

    const queue = await host.ok('queue.get', { labelerId: ana });
    const withCat = [];
    for (const item of queue.items) {
      const mine = await host.ok('annotations.mine', { labelerId: ana, sampleId: item.sampleId });
      if (mine?.payload.kind === 'bbox' && mine.payload.boxes.some((b) => b.classId === classId('cat'))) withCat.push(mine);
    }
    expect(withCat.length).toBeGreaterThan(0); // chelsea.jpg and its mirror image
    const old = withCat[0]!;
    // Keeping the retired class on an old box (moved a little) is accepted.
    const moved = { ...old.payload, boxes: old.payload.kind === 'bbox' ? old.payload.boxes.map((b) => ({ ...b, x1: b.x1 + 1 })) : [] };
    const saved = await host.ok('annotations.save', {
      labelerId: ana,
      sampleId: old.sampleId,
      payload: moved,
      status: 'submitted',
      baseRevision: old.revision,
    });
    expect(saved.revision).toBe(old.revision + 1);
  });

  it('refuses a new box with a retired class, and an old box moved to one, while the old boxes that had it still save', async () => {
    const { host, people, classId } = await boxDemoAsSme();
    await host.ok('taxonomy.change', { action: 'retire', target: 'class', id: classId('cat') });
    const samples = (await host.ok('samples.list', {})).items;
    const chelsea = samples.find((s) => s.displayName === 'chelsea.jpg')!.id;
    const coffee = samples.find((s) => s.displayName === 'coffee.jpg')!.id;
    const ana = people.get('ana')!;
    await host.signInAs(ana);
    const save = async (sampleId: number, edit: (boxes: Box[]) => Box[]) => {
      const mine = (await host.ok('annotations.mine', { labelerId: ana, sampleId }))!;
      const payload = mine.payload.kind === 'bbox' ? { ...mine.payload, boxes: edit(mine.payload.boxes) } : mine.payload;
      return host.call('annotations.save', { labelerId: ana, sampleId, payload, status: 'submitted', baseRevision: mine.revision });
    };
    const newCat: Box = { id: 'new-cat', classId: classId('cat'), x1: 10, y1: 10, x2: 60, y2: 60 };

    // A second cat drawn beside the old one: refused, naming the class and the box.
    const drawn = await save(chelsea, (boxes) => [...boxes, newCat]);
    expect(drawn).toMatchObject({
      ok: false,
      error: { code: 'invalid_argument', message: expect.stringContaining('“cat” is retired: new boxes cannot use it') },
    });
    expect(!drawn.ok && drawn.error.issues).toEqual([{ path: 'payload.boxes.1.classId', message: '“cat” is retired: new boxes cannot use it' }]);
    // The cup on the coffee photo turned into a cat: refused too.
    const turned = await save(coffee, (boxes) => boxes.map((b) => ({ ...b, classId: classId('cat') })));
    expect(turned.ok).toBe(false);
    // The old cat, resized, with a new box of an active class beside it: accepted.
    const kept = await save(chelsea, (boxes) => [...boxes.map((b) => ({ ...b, x2: b.x2 - 5 })), { ...newCat, classId: classId('person') }]);
    expect(kept.ok).toBe(true);
    // Restored, the class may be drawn again.
    await host.signInAs(people.get('sam')!);
    await host.ok('taxonomy.change', { action: 'restore', target: 'class', id: classId('cat') });
    await host.signInAs(ana);
    expect((await save(coffee, (boxes) => [...boxes, newCat])).ok).toBe(true);
  });

  it('records every change with who made it and the guideline version current then, in its history and the audit log', async () => {
    const { host, classId } = await boxDemoAsSme();
    await host.ok('taxonomy.change', { action: 'add', target: 'class', name: 'dog', hotkey: '8' });
    const draft = await host.ok('guidelines.draft', {});
    await host.ok('guidelines.publish', { changelog: 'Dogs are boxed.', baseRevision: draft.revision });
    await host.ok('taxonomy.change', { action: 'edit', target: 'class', id: classId('cup'), hotkey: '9' });
    await host.ok('taxonomy.change', { action: 'add', target: 'tag', name: 'night', hotkey: 'n' });

    const history = await host.ok('taxonomy.history', {});
    expect(history.map((c) => [c.target, c.action, c.before?.hotkey ?? null, c.after.name, c.after.hotkey, c.guidelineVersion, c.actor])).toEqual([
      ['tag', 'add', null, 'night', 'n', 2, 'sam'],
      ['class', 'edit', '3', 'cup', '9', 2, 'sam'],
      ['class', 'add', null, 'dog', '8', 1, 'sam'],
    ]);
    const dog = (await host.ok('projects.current', {}))!.classes.find((c) => c.name === 'dog')!;
    expect(dog).toMatchObject({ id: history[2]!.itemId, hotkey: '8', retired: false, color: expect.stringMatching(/^#[0-9a-f]{6}$/) });

    const audit = (await host.ok('audit.list', {})).entries.filter((e) => e.action === 'taxonomy.change');
    expect(audit.map((e) => [e.actor, e.details['change'], e.details['guidelineVersion']])).toEqual([
      ['sam', 'added “night”', 2],
      ['sam', 'key 3 → 9', 2],
      ['sam', 'added “dog”', 1],
    ]);
  });

  it('refuses names taken in any case, keys already used, tag colours, and retiring the last class', async () => {
    const { host, classId } = await boxDemoAsSme();
    const refused = async (arg: unknown, path: string, message: RegExp) => {
      const error = await host.fails('taxonomy.change', arg);
      expect(error).toMatchObject({ code: expect.stringMatching(/invalid_argument|unsupported/), message: expect.stringMatching(message) });
      expect(error.issues?.map((i) => i.path)).toContain(path);
    };
    await refused({ action: 'add', target: 'class', name: 'CAT' }, 'name', /“cat” is already a class/);
    await refused({ action: 'edit', target: 'class', id: classId('cup'), name: ' Person ' }, 'name', /“person” is already a class/);
    await refused({ action: 'add', target: 'class', name: 'dog', hotkey: 'b' }, 'hotkey', /key b is already used by the tag “blurry”/);
    await refused({ action: 'edit', target: 'class', id: classId('cup'), hotkey: '1' }, 'hotkey', /key 1 is already used by the class “person”/);
    await refused({ action: 'edit', target: 'class', id: classId('cup'), color: 'red' }, 'color', /colour like #1f77b4/);
    await refused({ action: 'edit', target: 'class', id: classId('cup'), hotkey: 'Enter' }, 'hotkey', /one digit or lower-case letter/);
    await refused({ action: 'add', target: 'tag', name: 'night', color: '#123456' }, 'color', /no colour/);
    const blurry = (await host.ok('projects.current', {}))!.tags.find((t) => t.name === 'blurry')!;
    await refused({ action: 'edit', target: 'tag', id: blurry.id, name: 'Dark' }, 'name', /“dark” is already a tag/);

    for (const name of ['person', 'cat', 'cup', 'rocket', 'coin', 'camera'])
      await host.ok('taxonomy.change', { action: 'retire', target: 'class', id: classId(name) });
    await refused({ action: 'retire', target: 'class', id: classId('vehicle') }, 'id', /last class new boxes can be drawn with/);
    // A retired class keeps its name: a new class cannot take it, but it can come back.
    await refused({ action: 'add', target: 'class', name: 'Cat' }, 'name', /“cat” is already a class \(retired\)/);
    expect(await host.ok('taxonomy.change', { action: 'restore', target: 'class', id: classId('cat') })).toMatchObject({
      after: { name: 'cat', retired: false, hotkey: null },
    });
    expect((await host.ok('taxonomy.history', {})).length).toBe(7);
  });

  it('lets only admins and SMEs change classes, and not in a transcript project', async () => {
    const host = newHost(tempDir());
    await host.ok('projects.openDemo', { kind: 'transcript' });
    const people = new Map((await host.ok('labelers.list', {})).map((l) => [l.name, l.id]));
    for (const name of ['ana', 'eli']) {
      await host.signInAs(people.get(name)!);
      expect((await host.fails('taxonomy.change', { action: 'add', target: 'tag', name: 'wind' })).code).toBe('forbidden');
    }
    await host.signInAs(people.get('sam')!);
    expect((await host.fails('taxonomy.change', { action: 'add', target: 'class', name: 'speech' })).message).toMatch(
      /Classes belong to bounding-box projects/,
    );
    expect(await host.ok('taxonomy.change', { action: 'add', target: 'tag', name: 'wind' })).toMatchObject({
      target: 'tag',
      after: { name: 'wind', color: null },
    });
  });
});
