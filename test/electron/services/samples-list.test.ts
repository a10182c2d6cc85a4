import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveAnnotation } from '../../../electron/db/queries/annotations';
import { openConnection } from '../../../electron/db/connection';
import { writeImage, writeText } from '../../support/media-fixtures';
import { importAndWait, useServiceHost, type TestHost, TEST_PASSWORD } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const emptyBoxes = { v: 1 as const, kind: 'bbox' as const, boxes: [], noObjects: true, flags: { unsure: false, comment: '', mediaBroken: false }, tags: [] };

describe('listing samples', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('filters by labeling status across labelers, by tags (all of them), and by literal name text', async () => {
    const media = tempDir();
    for (const [i, name] of ['a.png', 'b.png', 'c.png', '100%_d.png', 'e_f.png'].entries()) await writeImage(join(media, name), 'png', 8, 8, i + 1);
    writeText(join(media, 'm.csv'), ['file,tags', 'a.png,dark;blurry', 'b.png,dark', 'c.png,', '100%_d.png,blurry', 'e_f.png,'].join('\n'));
    const host = newHost(tempDir());
    const project = await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    await importAndWait(host, join(media, 'm.csv'));
    const ana = await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    const ben = await host.ok('labelers.create', { name: 'ben', password: TEST_PASSWORD });
    const ids = new Map((await host.ok('samples.list', {})).items.map((s) => [s.displayName, s.id]));

    // a: ana submitted, ben has a draft -> submitted. b: only a draft -> draft. c, d, e: unlabeled.
    const connection = openConnection(join(project.dir, 'concord.db'));
    const guideline = await connection.db.selectFrom('guideline_version').select('id').executeTakeFirstOrThrow();
    const save = (sample: string, labelerId: number, status: 'draft' | 'submitted') =>
      saveAnnotation(connection.db, { sampleId: ids.get(sample)!, labelerId, guidelineVersionId: guideline.id, payload: emptyBoxes, status, at: Date.now() });
    await save('a.png', ana.id, 'submitted');
    await save('a.png', ben.id, 'draft');
    await save('b.png', ben.id, 'draft');
    await connection.close();

    const names = async (arg: Parameters<TestHost['ok']>[1]) => (await host.ok('samples.list', arg as never)).items.map((s) => s.displayName);
    expect(await names({ filter: { tags: [], status: 'submitted' } })).toEqual(['a.png']);
    expect(await names({ filter: { tags: [], status: 'draft' } })).toEqual(['b.png']);
    expect(await names({ filter: { tags: [], status: 'unlabeled' } })).toEqual(['c.png', '100%_d.png', 'e_f.png']);
    expect(await names({ filter: { tags: ['dark'] } })).toEqual(['a.png', 'b.png']);
    expect(await names({ filter: { tags: ['dark', 'blurry'] } })).toEqual(['a.png']);
    expect(await names({ filter: { tags: ['blurry'], status: 'unlabeled' } })).toEqual(['100%_d.png']);
    // % and _ are ordinary characters to a user typing a file name.
    expect(await names({ filter: { tags: [], search: '%' } })).toEqual(['100%_d.png']);
    expect(await names({ filter: { tags: [], search: 'E_F' } })).toEqual(['e_f.png']);

    const page = await host.ok('samples.list', { offset: 1, limit: 2 });
    expect(page.total).toBe(5);
    expect(page.items.map((s) => s.displayName)).toEqual(['b.png', 'c.png']);
    expect((await host.ok('samples.list', {})).items.find((s) => s.displayName === 'a.png')).toMatchObject({
      status: 'submitted',
      annotationCount: 2,
      tags: ['blurry', 'dark'],
    });
  });
});
