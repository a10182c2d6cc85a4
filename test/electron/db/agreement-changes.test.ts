import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { migrate } from '../../../electron/db/migrate';
import { agreementChangePosition, samplesChangedSince } from '../../../electron/db/queries/agreement-changes';
import { saveAnnotation } from '../../../electron/db/queries/annotations';
import { insertLabeler } from '../../../electron/db/queries/labelers';
import { ensureTags, insertGuidelineVersion, insertProject } from '../../../electron/db/queries/project';
import { insertSample, tagSamples, untagSamples } from '../../../electron/db/queries/samples';
import type { Database } from '../../../electron/db/schema';
import { boxOfWidth } from '../../support/box-payload';
import { describeOnEngines } from '../../support/engines';

/** Two samples, one labeler, guideline v1 and a tag. */
async function project(db: Kysely<Database>) {
  await insertProject(db, { name: 'p', kind: 'bbox', createdAt: 1 });
  const v1 = await insertGuidelineVersion(db, { version: 1, bodyMd: '# v1', changelog: 'first', publishedAt: 1 });
  const ana = (await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1 })).id;
  const night = (await ensureTags(db, ['night'])).get('night')!;
  const sample = (name: string) =>
    insertSample(
      db,
      { display_name: name, media_path: `/${name}`, media_kind: 'image', mime_type: 'image/png', sha256: name, byte_size: 1, imported_at: 1 },
      [],
    );
  return { v1, ana, night, first: await sample('a.png'), second: await sample('b.png') };
}

describeOnEngines('the recorded changes to agreement inputs', (engine) => {
  it('name the samples whose answers or tags changed after a position; a rename, another database or no position at all say "every sample"', async () => {
    const db = await engine.migratedDatabase();
    const { v1, ana, night, first, second } = await project(db);
    const start = await agreementChangePosition(db);
    expect(await samplesChangedSince(db, start)).toEqual([]);

    await saveAnnotation(db, { sampleId: first, labelerId: ana, guidelineVersionId: v1, payload: boxOfWidth(10), status: 'draft', at: 10 });
    expect(await samplesChangedSince(db, start), 'a draft is no answer').toEqual([]);
    await saveAnnotation(db, { sampleId: first, labelerId: ana, guidelineVersionId: v1, payload: boxOfWidth(20), status: 'submitted', at: 20 });
    const answered = await agreementChangePosition(db);
    expect(await samplesChangedSince(db, start)).toEqual([first]);
    expect(await samplesChangedSince(db, answered)).toEqual([]);

    await tagSamples(db, [second], night);
    const tagged = await agreementChangePosition(db);
    expect(await samplesChangedSince(db, answered)).toEqual([second]);
    expect(await samplesChangedSince(db, start)).toEqual([first, second]);
    expect(await untagSamples(db, [second], night)).toBe(1);
    expect(await samplesChangedSince(db, tagged)).toEqual([second]);

    // A kept file's position is untrusted: what is not one of this database's says "every sample".
    const [epoch, at] = tagged.split(' ');
    const malformed = ['', 'nonsense', `${epoch}`, `${epoch} ${at} 1`, `another-epoch ${at}`, `${epoch} -1`, `${epoch} 1e99`, `${epoch} 1:2:3:4`];
    // Shaped as a PostgreSQL snapshot, but not one it accepts (xmin after xmax, a running id outside or out of order, past a bigint).
    malformed.push(`${epoch} 9:3:`, `${epoch} 3:9:10`, `${epoch} 3:9:5,4`, `${epoch} 0:9:`, `${epoch} 99999999999999999999:99999999999999999999:`);
    for (const position of malformed) {
      expect(await samplesChangedSince(db, position), position).toBeNull();
    }

    // A tag renamed changes how every answer's tags read.
    const before = await agreementChangePosition(db);
    await db.updateTable('tag').set({ name: 'evening' }).where('id', '=', night).execute();
    expect(await samplesChangedSince(db, before)).toBeNull();
    expect(await samplesChangedSince(db, await agreementChangePosition(db))).toEqual([]);
  });

  it('counts a change committed after the position was taken as after it, even when it began before', async () => {
    const [writer, reader] = await engine.sharedEmptyDatabase();
    await migrate(writer);
    const { v1, ana, first } = await project(writer);
    let position = '';
    await writer.transaction().execute(async (trx) => {
      await saveAnnotation(trx, { sampleId: first, labelerId: ana, guidelineVersionId: v1, payload: boxOfWidth(20), status: 'submitted', at: 20 });
      // Another process reads where the changes stand while this answer is written but not committed.
      position = await agreementChangePosition(reader);
    });
    expect(await samplesChangedSince(reader, position)).toEqual([first]);
  });
});
