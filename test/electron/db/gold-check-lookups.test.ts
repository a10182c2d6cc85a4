import { expect, it } from 'vitest';
import { assignedAmong, assignedCount, startedAmong } from '../../../electron/db/queries/gold-checks';
import { insertLabeler } from '../../../electron/db/queries/labelers';
import { insertGuidelineVersion, insertProject } from '../../../electron/db/queries/project';
import { mulberry32 } from '../../../shared/assignment/prng';
import { annotationRow } from '../../support/annotation-row';
import { boxOfWidth } from '../../support/box-payload';
import { describeOnEngines } from '../../support/engines';

const SAMPLES = 1_300;

/**
 * Check serving runs on every read of a labeler's queue, so it asks only about the checks'
 * samples, never the labeler's whole history: these lookups answer exactly what reading the
 * whole history and assignment would, for more samples than one statement takes (500).
 */
describeOnEngines('what a labeler started and was assigned, among given samples', (engine) => {
  it('equals the whole history cut to those samples, across statements, and counts the assignment', async () => {
    const db = await engine.migratedDatabase();
    const random = mulberry32(11);
    await insertProject(db, { name: 'p', kind: 'bbox', createdAt: 1 });
    const v1 = await insertGuidelineVersion(db, { version: 1, bodyMd: '# v1', changelog: 'first', publishedAt: 1 });
    const ana = (await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1 })).id;
    const ben = (await insertLabeler(db, { name: 'ben', role: 'labeler', createdAt: 1 })).id;
    const samples = Array.from({ length: SAMPLES }, (_, n) => ({
      display_name: `s${n}.png`,
      media_path: `/m/s${n}.png`,
      media_kind: 'image' as const,
      mime_type: 'image/png',
      sha256: `h${n}`,
      byte_size: 1,
      width: 16,
      height: 9,
      imported_at: 1,
    }));
    const ids = (await db.insertInto('sample').values(samples).returning('id').execute()).map((row) => row.id);
    const payload_json = JSON.stringify(boxOfWidth(5));
    const started = new Set<number>();
    const assigned = new Set<number>();
    for (const labelerId of [ana, ben]) {
      const annotations = [];
      const assignments = [];
      for (const sampleId of ids) {
        const status = random() < 0.5 ? ('submitted' as const) : random() < 0.3 ? ('draft' as const) : null;
        if (status) annotations.push(annotationRow(sampleId, labelerId, v1, status, payload_json));
        if (random() < 0.4) assignments.push({ sample_id: sampleId, labeler_id: labelerId, assigned_at: 1 });
        if (labelerId === ana && status) started.add(sampleId);
        if (labelerId === ana && assignments.at(-1)?.sample_id === sampleId) assigned.add(sampleId);
      }
      await db.insertInto('annotation').values(annotations).execute();
      await db.insertInto('assignment').values(assignments).execute();
    }

    // Most of the samples, in no particular order, with an id no sample has.
    const asked = [...ids.filter(() => random() < 0.9), 999_999].sort(() => random() - 0.5);
    const within = (whole: Set<number>) => new Set(asked.filter((id) => whole.has(id)));
    expect(asked.length).toBeGreaterThan(1_000);
    expect(await startedAmong(db, ana, asked)).toEqual(within(started));
    expect(await assignedAmong(db, ana, asked)).toEqual(within(assigned));
    expect(await assignedCount(db, ana)).toBe(assigned.size);
    // Nothing asked, nothing read.
    expect(await startedAmong(db, ana, [])).toEqual(new Set());
    expect(await assignedAmong(db, ana, [])).toEqual(new Set());
  });
});
