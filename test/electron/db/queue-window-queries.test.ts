import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { labelerQueue, type QueueSelection } from '../../../electron/db/queries/annotation-reads';
import { insertLabeler } from '../../../electron/db/queries/labelers';
import { insertGuidelineVersion, insertProject } from '../../../electron/db/queries/project';
import { labelerQueueWindow } from '../../../electron/db/queries/queue-window';
import type { Database } from '../../../electron/db/schema';
import { mulberry32 } from '../../../shared/assignment/prng';
import { queueWindow } from '../../../shared/domain/queue-window';
import { annotationRow } from '../../support/annotation-row';
import { boxOfWidth } from '../../support/box-payload';
import { describeOnEngines } from '../../support/engines';

const SAMPLES = 400;

/**
 * A generated project: 400 samples, and for each of two labelers a random third assigned, a few
 * served as checks or qualification, each sample todo, draft or submitted at random (runs of
 * submitted work first, as labelers work through a queue), and some sent back for relabeling.
 */
async function generatedProject(db: Kysely<Database>, seed: number) {
  const random = mulberry32(seed);
  await insertProject(db, { name: 'p', kind: 'bbox', createdAt: 1 });
  const v1 = await insertGuidelineVersion(db, { version: 1, bodyMd: '# v1', changelog: 'first', publishedAt: 1 });
  const labelers = [
    (await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1 })).id,
    (await insertLabeler(db, { name: 'ben', role: 'labeler', createdAt: 1 })).id,
  ];
  const samples = Array.from({ length: SAMPLES }, (_, n) => ({
    display_name: `s${n}.png`,
    media_path: `/m/s${n}.png`,
    media_kind: 'image' as const,
    mime_type: 'image/png',
    sha256: `h${n}`,
    byte_size: 1,
    width: 16 + n,
    height: 9,
    imported_at: 1,
  }));
  const ids = (await db.insertInto('sample').values(samples).returning('id').execute()).map((row) => row.id);
  await db
    .insertInto('gold_check')
    .values(ids.slice(0, 40).map((sample_id, n) => ({ sample_id, qualification: n % 2 === 0 ? 1 : 0, marked_by: null, marked_at: 1 })))
    .execute();
  const payload_json = JSON.stringify(boxOfWidth(5));
  for (const [l, labelerId] of labelers.entries()) {
    // The first labeler has done most of their queue, the second little of it.
    const doneUpTo = l === 0 ? 0.8 : 0.1;
    const annotations = [];
    const assignments = [];
    const served = [];
    const relabels = [];
    for (const [n, sampleId] of ids.entries()) {
      if (random() < 0.33) assignments.push({ sample_id: sampleId, labeler_id: labelerId, assigned_at: 1 });
      if (n < 40 && random() < 0.5)
        served.push({ sample_id: sampleId, labeler_id: labelerId, purpose: n % 2 === 0 ? ('qualification' as const) : ('check' as const), served_at: 1 });
      const roll = random();
      // The queue opens on done work: where work is left is never the first item.
      const chance = n < 20 ? { submitted: 1, draft: 0 } : n / SAMPLES < doneUpTo ? { submitted: 0.9, draft: 0.05 } : { submitted: 0.1, draft: 0.1 };
      const status = roll < chance.submitted ? ('submitted' as const) : roll < chance.submitted + chance.draft ? ('draft' as const) : null;
      if (status === null) continue;
      annotations.push(annotationRow(sampleId, labelerId, v1, status, payload_json));
      if (status === 'submitted' && random() < 0.05)
        relabels.push({ sample_id: sampleId, labeler_id: labelerId, guideline_version_id: v1, reason: `rule ${n}`, requested_at: 1, done_at: null });
    }
    await db.insertInto('annotation').values(annotations).execute();
    if (assignments.length > 0) await db.insertInto('assignment').values(assignments).execute();
    if (served.length > 0) await db.insertInto('gold_check_served').values(served).execute();
    if (relabels.length > 0) await db.insertInto('relabel_request').values(relabels).execute();
  }
  return labelers;
}

/** The whole queue as `queue.get` sends it: every item, each marked if sent back for relabeling. */
async function wholeQueue(db: Kysely<Database>, labelerId: number, selection: QueueSelection) {
  const relabels = await db
    .selectFrom('relabel_request as r')
    .innerJoin('guideline_version as g', 'g.id', 'r.guideline_version_id')
    .select(['r.sample_id', 'g.version', 'r.reason'])
    .where('r.labeler_id', '=', labelerId)
    .where('r.done_at', 'is', null)
    .execute();
  const bySample = new Map(relabels.map((row) => [row.sample_id, { version: row.version, reason: row.reason }]));
  return (await labelerQueue(db, labelerId, selection)).map((item) => {
    const relabel = bySample.get(item.sampleId);
    return relabel ? { ...item, relabel } : item;
  });
}

describeOnEngines('a window on a labeler queue, read from the database', (engine) => {
  it('equals the window cut from the whole queue, for every selection, at the start, middle, end and past it', async () => {
    const db = await engine.migratedDatabase();
    const labelers = await generatedProject(db, 7);
    let relabeled = 0;
    for (const labelerId of labelers) {
      for (const selection of ['everything', 'assigned', 'qualification'] as const) {
        const whole = await wholeQueue(db, labelerId, selection);
        relabeled += whole.filter((item) => item.relabel).length;
        const positions = [null, 0, 1, Math.floor(whole.length / 2), whole.length - 1, whole.length + 50];
        for (const around of positions) {
          for (const [before, after] of [
            [30, 70],
            [0, 0],
            [5, 500],
          ] as const) {
            const fromDatabase = await labelerQueueWindow(db, labelerId, selection, { around, before, after });
            expect(fromDatabase, `${selection}, labeler ${labelerId}, around ${around}, ${before}/${after}`).toEqual(queueWindow(whole, around, before, after));
          }
        }
      }
    }
    // The generated project exercises what the window must carry: relabel marks and open work past done work.
    expect(relabeled).toBeGreaterThan(0);
    const firstOpen = await labelerQueueWindow(db, labelers[0]!, 'everything', { around: null, before: 0, after: 0 });
    expect(firstOpen.position).toBeGreaterThan(0);
    expect(firstOpen.items[0]!.status).not.toBe('submitted');
  });

  it('finds where work is left after work done in order, after a skipped sample, and after a draft among done work', async () => {
    const db = await engine.migratedDatabase();
    await generatedProject(db, 5);
    const cy = (await insertLabeler(db, { name: 'cy', role: 'labeler', createdAt: 1 })).id;
    const ids = (await db.selectFrom('sample').select('id').orderBy('id').execute()).map((row) => row.id);
    const payload_json = JSON.stringify(boxOfWidth(5));
    const answer = (sampleId: number, status: 'draft' | 'submitted') => annotationRow(sampleId, cy, 1, status, payload_json);
    const whereLeft = async () => {
      const window = await labelerQueueWindow(db, cy, 'everything', { around: null, before: 30, after: 70 });
      expect(window).toEqual(queueWindow(await wholeQueue(db, cy, 'everything'), null));
      return window.position;
    };
    // The first 150 submitted, in order, and drafts further on.
    await db
      .insertInto('annotation')
      .values([...ids.slice(0, 150).map((id) => answer(id, 'submitted')), answer(ids[200]!, 'draft'), answer(ids[260]!, 'draft')])
      .execute();
    expect(await whereLeft()).toBe(150);
    // A sample skipped before them: work is left there.
    await db.deleteFrom('annotation').where('labeler_id', '=', cy).where('sample_id', '=', ids[40]!).execute();
    await db.insertInto('annotation').values(answer(ids[170]!, 'submitted')).execute();
    expect(await whereLeft()).toBe(40);
    // Answered again as a draft only: still where work is left.
    await db.insertInto('annotation').values(answer(ids[40]!, 'draft')).execute();
    expect(await whereLeft()).toBe(40);
    // Submitted: the next sample not submitted, past the one submitted out of order.
    await db.updateTable('annotation').set({ status: 'submitted' }).where('labeler_id', '=', cy).where('sample_id', '=', ids[40]!).execute();
    expect(await whereLeft()).toBe(150);
  });

  it('answers an empty queue and a queue with everything submitted', async () => {
    const db = await engine.migratedDatabase();
    const labelers = await generatedProject(db, 3);
    const newcomer = (await insertLabeler(db, { name: 'cy', role: 'labeler', createdAt: 1 })).id;
    expect(await labelerQueueWindow(db, newcomer, 'assigned', { around: null, before: 30, after: 70 })).toEqual(queueWindow([], null));
    await db.updateTable('annotation').set({ status: 'submitted' }).execute();
    const ana2 = labelers[0]!;
    const done = new Set((await db.selectFrom('annotation').select('sample_id').where('labeler_id', '=', ana2).execute()).map((row) => row.sample_id));
    const rest = (await db.selectFrom('sample').select('id').execute()).filter((row) => !done.has(row.id));
    const payload_json = JSON.stringify(boxOfWidth(5));
    await db
      .insertInto('annotation')
      .values(rest.map((row) => annotationRow(row.id, ana2, 1, 'submitted', payload_json)))
      .execute();
    const whole = await wholeQueue(db, ana2, 'everything');
    expect(whole.every((item) => item.status === 'submitted')).toBe(true);
    expect(await labelerQueueWindow(db, ana2, 'everything', { around: null, before: 30, after: 70 })).toEqual(queueWindow(whole, null));
  });
});
