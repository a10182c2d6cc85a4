import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { expect, it, vi } from 'vitest';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import { insertLabeler } from '../../../electron/db/queries/labelers';
import { insertGuidelineVersion, insertProject } from '../../../electron/db/queries/project';
import { insertSamples } from '../../../electron/db/queries/samples';
import type { ProjectDatabase } from '../../../electron/db/project-database';
import type { Database } from '../../../electron/db/schema';
import { AgreementTracker } from '../../../electron/services/agreement-tracker';
import type * as Spawn from '../../../electron/workers/spawn';
import { AgreementLedger, type AgreementDashboard } from '../../../shared/agreement';
import { describeOnEngines } from '../../support/engines';
import { expectClose } from '../../support/expect-close';
import { useTempDirs } from '../../support/temp-dir';

/** Every agreement worker started: the tracker replaces its first one after the whole computation. */
const started = vi.hoisted(() => ({ workers: 0 }));
vi.mock('../../../electron/workers/spawn', async (original) => {
  const spawn = await original<typeof Spawn>();
  return {
    spawnWorker: (...args: Parameters<typeof spawn.spawnWorker>) => {
      started.workers++;
      return spawn.spawnWorker(...args);
    },
  };
});

const SAMPLES = 60;

/** A box answer whose width sets how well it matches the other labeler's. */
function boxAnswer(width: number, classId = 1): string {
  return JSON.stringify({ v: 1, kind: 'bbox', boxes: [{ id: 'b', classId, x1: 0, y1: 0, x2: width, y2: 10 }], noObjects: false, tags: [] });
}

/** `SAMPLES` samples, each submitted by two labelers with boxes that match more or less; the labelers' ids. */
async function answeredProject(db: Kysely<Database>): Promise<number[]> {
  await insertProject(db, { name: 'p', kind: 'bbox', createdAt: 1 });
  const version = await insertGuidelineVersion(db, { version: 1, bodyMd: '# v1', changelog: 'first', publishedAt: 1 });
  const labelers = [
    (await insertLabeler(db, { name: 'ana', role: 'labeler', createdAt: 1 })).id,
    (await insertLabeler(db, { name: 'ben', role: 'labeler', createdAt: 1 })).id,
  ];
  const names = Array.from({ length: SAMPLES }, (_, i) => `s${i}.png`);
  await insertSamples(
    db,
    names.map((name) => ({
      display_name: name,
      media_path: `/${name}`,
      media_kind: 'image',
      mime_type: 'image/png',
      sha256: name,
      byte_size: 1,
      imported_at: 1,
    })),
  );
  const samples = (await db.selectFrom('sample').select('id').orderBy('id').execute()).map((row) => row.id);
  for (const [index, labelerId] of labelers.entries()) {
    for (const sampleId of samples) {
      const { id } = await db
        .insertInto('annotation')
        .values({
          sample_id: sampleId,
          labeler_id: labelerId,
          guideline_version_id: version,
          status: 'submitted',
          payload_json: '{}',
          revision: 1,
          created_at: 1,
          updated_at: 1,
          submitted_at: 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('annotation_revision')
        .values({
          annotation_id: id,
          revision: 1,
          status: 'submitted',
          guideline_version_id: version,
          payload_json: boxAnswer(10 + ((sampleId * (index + 3)) % 7), 1 + (sampleId % 2)),
          saved_at: 1,
        })
        .execute();
    }
  }
  return labelers;
}

/** The labeler submits `payload` again for the sample, straight into the database (the tracker is told only if the caller says so). */
async function resubmit(db: Kysely<Database>, sampleId: number, labelerId: number, payload: string): Promise<void> {
  const latest = await db
    .selectFrom('annotation_revision as r')
    .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
    .select(['r.annotation_id', 'r.revision', 'r.guideline_version_id'])
    .where('a.sample_id', '=', sampleId)
    .where('a.labeler_id', '=', labelerId)
    .orderBy('r.revision', 'desc')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('annotation_revision')
    .values({ ...latest, revision: latest.revision + 1, status: 'submitted', payload_json: payload, saved_at: Date.now() })
    .execute();
}

describeOnEngines('the agreement worker renewed after the whole computation', (engine) => {
  const tempDir = useTempDirs();

  it('takes the ledger back in a fresh worker and counts every submission made around the change of worker', async () => {
    const db = await engine.migratedDatabase();
    const [ana] = await answeredProject(db);
    const dir = tempDir();
    const tracker = new AgreementTracker({ db } as ProjectDatabase, 'bbox', null, (key) => join(dir, `ledger-${Buffer.from(key).toString('hex')}.bin`));
    const options = { iouThreshold: 0.5 };
    const fresh = async () => AgreementLedger.of('bbox', await submittedForAgreement(db), options).dashboard();
    try {
      started.workers = 0;
      const first = await tracker.dashboard(options);
      expect(first).toEqual(await fresh());
      expect(started.workers).toBe(1);

      // While the file is written and the worker replaced: a submission the tracker is told of (its
      // update may reach the first worker, which is then stopped), one it is not (another process's),
      // and a request that must be answered, not refused by the stop.
      await resubmit(db, 1, ana!, boxAnswer(80));
      tracker.sampleChanged(1);
      await resubmit(db, 2, ana!, boxAnswer(90, 2));
      const during = tracker.dashboard(options);
      await expect(during).resolves.toMatchObject({ samplesCompared: SAMPLES });

      // The fresh worker has started (the renewal is under way, and requests made now wait for it).
      await vi.waitFor(() => expect(started.workers).toBe(2), { timeout: 30_000, interval: 20 });
      const renewed = await tracker.dashboard(options);
      expect(renewed).not.toEqual(first);
      expectClose(renewed, await fresh());

      // The fresh worker follows the next submission as the first did, and is not replaced again.
      await resubmit(db, 3, ana!, boxAnswer(70));
      tracker.sampleChanged(3);
      const after: AgreementDashboard = await tracker.dashboard(options);
      expectClose(after, await fresh());
      expect(started.workers).toBe(2);
    } finally {
      await tracker.close();
    }
  }, 60_000);
});
