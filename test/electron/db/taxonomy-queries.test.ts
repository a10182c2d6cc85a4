import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { insertClasses, insertTags, listClasses, listTags } from '../../../electron/db/queries/project';
import { addTaxonomyItem, appendTaxonomyChange, listTaxonomyChanges, listTaxonomyItems, updateTaxonomyItem } from '../../../electron/db/queries/taxonomy';
import { describeOnEngines } from '../../support/engines';

describeOnEngines('class and tag queries', (engine) => {
  it('adds, renames, recolours and retires a class in place, keeping its id and its place in the list', async () => {
    const db = await engine.migratedDatabase();
    await insertClasses(db, [
      { name: 'car', color: '#e69f00', hotkey: '1' },
      { name: 'person', color: '#56b4e9', hotkey: '2' },
    ]);
    const [car, person] = await listClasses(db);
    const bus = await addTaxonomyItem(db, 'class', { name: 'bus', color: '#009e73', hotkey: '3' });
    await updateTaxonomyItem(db, 'class', { id: car!.id, name: 'vehicle', color: '#123456', hotkey: '9', retiredAt: null });
    await updateTaxonomyItem(db, 'class', { id: person!.id, name: 'person', color: '#56b4e9', hotkey: null, retiredAt: 5 });
    expect(await listClasses(db)).toEqual([
      { id: car!.id, name: 'vehicle', color: '#123456', hotkey: '9', retired: false },
      { id: person!.id, name: 'person', color: '#56b4e9', hotkey: null, retired: true },
      { id: bus, name: 'bus', color: '#009e73', hotkey: '3', retired: false },
    ]);
    // A retired class gave its key back: another class may take it.
    await updateTaxonomyItem(db, 'class', { id: bus, name: 'bus', color: '#009e73', hotkey: '2', retiredAt: null });
    expect((await listTaxonomyItems(db, 'class')).map((c) => [c.name, c.hotkey, c.retiredAt])).toEqual([
      ['vehicle', '9', null],
      ['person', null, 5],
      ['bus', '2', null],
    ]);
  });

  it('adds and retires tags, which have no colour', async () => {
    const db = await engine.migratedDatabase();
    await insertTags(db, [{ name: 'dark', hotkey: 'd' }]);
    const blurry = await addTaxonomyItem(db, 'tag', { name: 'blurry', color: null, hotkey: 'b' });
    await updateTaxonomyItem(db, 'tag', { id: blurry, name: 'blurry', color: null, hotkey: null, retiredAt: 7 });
    expect((await listTags(db)).map((t) => [t.name, t.hotkey, t.retired])).toEqual([
      ['dark', 'd', false],
      ['blurry', null, true],
    ]);
    expect((await listTaxonomyItems(db, 'tag')).find((t) => t.id === blurry)).toEqual({ id: blurry, name: 'blurry', color: null, hotkey: null, retiredAt: 7 });
  });

  it('keeps every change, newest first, with its guideline version, and refuses to change or delete one', async () => {
    const db = await engine.migratedDatabase();
    const state = { name: 'car', color: '#e69f00', hotkey: '1', retired: false };
    await appendTaxonomyChange(db, {
      at: 1000,
      actorId: null,
      actorName: 'sam',
      target: 'class',
      itemId: 1,
      action: 'add',
      before: null,
      after: state,
      guidelineVersion: 1,
    });
    await appendTaxonomyChange(db, {
      at: 2000,
      actorId: null,
      actorName: 'sam',
      target: 'class',
      itemId: 1,
      action: 'edit',
      before: state,
      after: { ...state, name: 'vehicle' },
      guidelineVersion: 2,
    });
    expect(await listTaxonomyChanges(db)).toEqual([
      expect.objectContaining({
        action: 'edit',
        before: state,
        after: { ...state, name: 'vehicle' },
        guidelineVersion: 2,
        at: new Date(2000).toISOString(),
        actor: 'sam',
      }),
      expect.objectContaining({ action: 'add', before: null, after: state, guidelineVersion: 1, target: 'class', itemId: 1 }),
    ]);
    await expect(sql`UPDATE taxonomy_change SET actor_name = 'someone else'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM taxonomy_change`.execute(db)).rejects.toThrow(/append-only/);
    expect(await listTaxonomyChanges(db)).toHaveLength(2);
  });
});
