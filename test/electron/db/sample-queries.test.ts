import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { saveAnnotation } from '../../../electron/db/queries/annotations';
import { insertLabeler } from '../../../electron/db/queries/labelers';
import { ensureTags, insertGuidelineVersion, insertProject, listTags } from '../../../electron/db/queries/project';
import { insertSample, insertSamplesWithTags, listSamples, samplesForExport, tagNamesOf, tagSamples } from '../../../electron/db/queries/samples';
import type { Database } from '../../../electron/db/schema';
import type { BboxPayload } from '../../../shared/annotation/payload';
import { describeOnEngines } from '../../support/engines';

const page = { tags: [], offset: 0, limit: 50 };

async function addSample(db: Kysely<Database>, name: string, tagIds: number[] = []): Promise<number> {
  return insertSample(
    db,
    { display_name: name, media_path: `/media/${name}`, media_kind: 'image', mime_type: 'image/png', sha256: `sha-${name}`, byte_size: 10, imported_at: 1 },
    tagIds,
  );
}

describeOnEngines('sample queries', (engine) => {
  it('lists samples in import order with their tags, counting every one, including names with the separator-like characters', async () => {
    const db = await engine.migratedDatabase();
    const tags = await ensureTags(db, ['night', 'rain, heavy']);
    const first = await addSample(db, 'a.png', [tags.get('night')!, tags.get('rain, heavy')!]);
    const second = await addSample(db, 'b.png');
    expect(second).toBeGreaterThan(first);

    const { total, rows } = await listSamples(db, page);
    expect(total).toBe(2);
    expect(rows.map((row) => [row.display_name, tagNamesOf(row)])).toEqual([
      ['a.png', ['night', 'rain, heavy']],
      ['b.png', []],
    ]);
    expect(await listSamples(db, { ...page, tags: ['rain, heavy'] })).toMatchObject({ total: 1, rows: [{ id: first }] });
  });

  it('registers an import batch in bulk, each sample with its own tags, past one statement’s worth of rows', async () => {
    const db = await engine.migratedDatabase();
    const tags = await ensureTags(db, ['day', 'night']);
    const count = 1_203;
    await insertSamplesWithTags(
      db,
      Array.from({ length: count }, (_, i) => {
        const name = `img-${String(i).padStart(4, '0')}.png`;
        const row = {
          display_name: name,
          media_path: `/media/${name}`,
          media_kind: 'image' as const,
          mime_type: 'image/png',
          sha256: `sha-${i}`,
          byte_size: 10,
          imported_at: 1,
        };
        return { row, tagIds: i % 3 === 0 ? [] : i % 3 === 1 ? [tags.get('day')!] : [tags.get('day')!, tags.get('night')!] };
      }),
    );
    const { total, rows } = await listSamples(db, { ...page, limit: count });
    expect(total).toBe(count);
    const expected = (i: number) => (i % 3 === 0 ? [] : i % 3 === 1 ? ['day'] : ['day', 'night']);
    expect(rows.map((row) => [row.display_name, tagNamesOf(row)])).toEqual(rows.map((_, i) => [`img-${String(i).padStart(4, '0')}.png`, expected(i)]));
    expect((await listSamples(db, { ...page, tags: ['night'] })).total).toBe(401);
  });

  it('finds names by literal text, case-insensitively: % and _ are not wildcards', async () => {
    const db = await engine.migratedDatabase();
    for (const name of ['100%_done.png', '100 done.png', 'Cat.png', 'concat.png']) await addSample(db, name);
    const names = async (search: string) => (await listSamples(db, { ...page, search })).rows.map((row) => row.display_name);
    expect(await names('%_')).toEqual(['100%_done.png']);
    expect(await names('CAT')).toEqual(['Cat.png', 'concat.png']);
    expect(await names('dog')).toEqual([]);
  });

  it('tells unlabeled, draft and submitted samples apart', async () => {
    const db = await engine.migratedDatabase();
    await insertProject(db, { name: 'p', kind: 'bbox', createdAt: 1 });
    const versionId = await insertGuidelineVersion(db, { version: 1, bodyMd: '', changelog: 'first', publishedAt: 1 });
    const labeler = await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1 });
    const [unlabeled, drafted, submitted] = [await addSample(db, 'u.png'), await addSample(db, 'd.png'), await addSample(db, 's.png')];
    const payload: BboxPayload = { v: 1, kind: 'bbox', boxes: [], noObjects: true, flags: { unsure: false, comment: '', mediaBroken: false }, tags: [] };
    for (const [sampleId, status] of [
      [drafted, 'draft'],
      [submitted, 'submitted'],
    ] as const) {
      await saveAnnotation(db, { sampleId, labelerId: labeler.id, guidelineVersionId: versionId, payload, status, at: 2 });
    }
    const ids = async (status: 'unlabeled' | 'draft' | 'submitted') => (await listSamples(db, { ...page, status })).rows.map((row) => row.id);
    expect(await ids('unlabeled')).toEqual([unlabeled]);
    expect(await ids('draft')).toEqual([drafted]);
    expect(await ids('submitted')).toEqual([submitted]);
  });

  it('tags samples for a slice once, however often asked, and exports each with its tags', async () => {
    const db = await engine.migratedDatabase();
    const a = await addSample(db, 'a.png');
    const b = await addSample(db, 'b.png');
    const slice = (await ensureTags(db, ['slice:dev'])).get('slice:dev')!;
    await tagSamples(db, [a], slice);
    await tagSamples(db, [a, b], slice);
    // An existing tag is found again, not added twice.
    expect((await ensureTags(db, ['slice:dev'])).get('slice:dev')).toBe(slice);
    expect(await listTags(db)).toEqual([{ id: slice, name: 'slice:dev', hotkey: null, retired: false, formerNames: [] }]);
    expect((await samplesForExport(db)).map((sample) => [sample.display_name, sample.tags])).toEqual([
      ['a.png', ['slice:dev']],
      ['b.png', ['slice:dev']],
    ]);
  });
});
