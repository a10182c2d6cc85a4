import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { expect, it, vi } from 'vitest';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import type { ProjectDatabase } from '../../../electron/db/project-database';
import type { Database } from '../../../electron/db/schema';
import { AgreementTracker } from '../../../electron/services/agreement-tracker';
import { latestSubmissionTimes } from '../../../electron/db/queries/submission-times';
import type * as Spawn from '../../../electron/workers/spawn';
import { AgreementLedger, type AgreementDashboard } from '../../../shared/agreement';
import { peerScoresOf } from '../../../shared/quality/peer-scores';
import { teamDriftOf } from '../../../shared/quality/team-drift';
import { describeOnEngines } from '../../support/engines';
import { expectClose } from '../../support/expect-close';
import { useTempDirs } from '../../support/temp-dir';
import { boxAnswer, twoLabelerBoxProject } from '../../support/two-labeler-boxes';

/**
 * Every agreement worker started, and those ended: the tracker replaces its first one after the
 * whole computation. While `holdLoads` is set, a ledger's load reaches a worker started after the
 * first only once it settles.
 */
const started = vi.hoisted(() => ({ workers: 0, ended: 0, holdLoads: null as Promise<void> | null }));
vi.mock('../../../electron/workers/spawn', async (original) => {
  const spawn = await original<typeof Spawn>();
  return {
    spawnWorker: (...args: Parameters<typeof spawn.spawnWorker>) => {
      const worker = spawn.spawnWorker(...args);
      worker.once('exit', () => started.ended++);
      if (++started.workers > 1 && started.holdLoads) {
        const held = started.holdLoads;
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message: { type?: string }, ...rest: unknown[]) => {
          if (message.type === 'load') void held.then(() => post(message, ...(rest as [])));
          else post(message, ...(rest as []));
        };
      }
      return worker;
    },
  };
});

const SAMPLES = 60;

/** The labeler submits `payload` again for the sample, straight into the database as a save writes it (the tracker is told only if the caller says so). */
async function resubmit(db: Kysely<Database>, sampleId: number, labelerId: number, payload: string): Promise<void> {
  const latest = await db
    .selectFrom('annotation_revision as r')
    .innerJoin('annotation as a', 'a.id', 'r.annotation_id')
    .select(['r.annotation_id', 'r.revision', 'r.guideline_version_id'])
    .where('a.sample_id', '=', sampleId)
    .where('a.labeler_id', '=', labelerId)
    .orderBy('r.revision', 'desc')
    .executeTakeFirstOrThrow();
  const at = Date.now();
  await db
    .insertInto('annotation_revision')
    .values({ ...latest, revision: latest.revision + 1, status: 'submitted', payload_json: payload, saved_at: at })
    .execute();
  await db
    .updateTable('annotation')
    .set({ revision: latest.revision + 1, status: 'submitted', payload_json: payload, updated_at: at, submitted_at: at })
    .where('id', '=', latest.annotation_id)
    .execute();
}

describeOnEngines('the agreement worker renewed after the whole computation', (engine) => {
  const tempDir = useTempDirs();

  /** The two-labeler project, its labeler ana, and a tracker that keeps its ledgers in files (as a project's cache folder does). */
  async function trackedProject() {
    const db = await engine.migratedDatabase();
    const [ana] = await twoLabelerBoxProject(db, SAMPLES);
    const dir = tempDir();
    const tracker = new AgreementTracker({ db } as ProjectDatabase, 'bbox', null, (key) => join(dir, `ledger-${Buffer.from(key).toString('hex')}.bin`));
    return { db, ana: ana!, tracker };
  }

  it('takes the ledger back in a fresh worker and counts every submission made around the change of worker', async () => {
    const { db, ana, tracker } = await trackedProject();
    const options = { iouThreshold: 0.5 };
    const fresh = async () => AgreementLedger.of('bbox', await submittedForAgreement(db), options).dashboard();
    try {
      started.workers = 0;
      started.ended = 0;
      const first = await tracker.dashboard(options);
      expect(first).toEqual(await fresh());
      expect(started.workers).toBe(1);

      // While the file is written and the worker replaced: a submission the tracker is told of (its
      // update may reach the first worker, which is then stopped), one it is not (another process's),
      // and a request that must be answered, not refused by the stop.
      await resubmit(db, 1, ana, boxAnswer(80));
      tracker.sampleChanged(1);
      await resubmit(db, 2, ana, boxAnswer(90, 2));
      const during = tracker.dashboard(options);
      await expect(during).resolves.toMatchObject({ samplesCompared: SAMPLES });

      // Once the first worker has ended, the fresh one answers, and it counts the submission the tracker was not told of.
      await vi.waitFor(() => expect(started.ended).toBe(1), { timeout: 30_000, interval: 20 });
      const renewed = await tracker.dashboard(options);
      expect(renewed).not.toEqual(first);
      expectClose(renewed, await fresh());

      // The fresh worker follows the next submission as the first did, and is not replaced again.
      await resubmit(db, 3, ana, boxAnswer(70));
      tracker.sampleChanged(3);
      const after: AgreementDashboard = await tracker.dashboard(options);
      expectClose(after, await fresh());
      expect(started.workers).toBe(2);
    } finally {
      await tracker.close();
    }
  }, 60_000);

  it('answers drift from the first worker and from the fresh one alike, with the submission times kept in the ledger and its file', async () => {
    const { db, ana, tracker } = await trackedProject();
    const options = { iouThreshold: 0.5 };
    // Drift as computed from the database: every answer measured, every time read.
    const fromDatabase = async () => {
      const { perSample } = AgreementLedger.of('bbox', await submittedForAgreement(db), options).snapshot();
      return teamDriftOf(peerScoresOf(perSample, await latestSubmissionTimes(db)));
    };
    try {
      started.workers = 0;
      started.ended = 0;
      // Asked at once, as the Agreement area does: the worker that made the whole computation answers both.
      const [, drift] = await Promise.all([tracker.dashboard(options), tracker.drift(options)]);
      expect(drift).toEqual(await fromDatabase());

      // The fresh worker took the ledger back from its file, its entries left there: drift reads their blocks' peer records.
      await vi.waitFor(() => expect(started.ended).toBe(1), { timeout: 30_000, interval: 20 });
      expect(started.workers).toBe(2);
      expect(await tracker.drift(options)).toEqual(drift);

      // A resubmission moves its sample's time to the end.
      await resubmit(db, 1, ana, boxAnswer(80));
      tracker.sampleChanged(1);
      const after = await tracker.drift(options);
      expect(after).not.toEqual(drift);
      expect(after).toEqual(await fromDatabase());
      expect(started.workers).toBe(2);
    } finally {
      await tracker.close();
    }
  }, 60_000);

  it('answers from the first worker while the fresh one takes the file back, and the fresh one counts what changed meanwhile', async () => {
    const { db, ana, tracker } = await trackedProject();
    const options = { iouThreshold: 0.5 };
    const fresh = async () => AgreementLedger.of('bbox', await submittedForAgreement(db), options).dashboard();
    let release = () => {};
    started.holdLoads = new Promise((resolve) => (release = resolve));
    try {
      started.workers = 0;
      started.ended = 0;
      await tracker.dashboard(options);
      // The fresh worker has started, its load held: the first worker answers, and follows a submission.
      await vi.waitFor(() => expect(started.workers).toBe(2), { timeout: 30_000, interval: 20 });
      await resubmit(db, 1, ana, boxAnswer(80));
      tracker.sampleChanged(1);
      expectClose(await tracker.dashboard(options), await fresh());
      expect(started.ended).toBe(0);

      // Another process's submission; then the fresh worker takes the file back and replaces the first, counting both.
      await resubmit(db, 2, ana, boxAnswer(90, 2));
      release();
      await vi.waitFor(() => expect(started.ended).toBe(1), { timeout: 30_000, interval: 20 });
      expectClose(await tracker.dashboard(options), await fresh());
      await resubmit(db, 3, ana, boxAnswer(70));
      tracker.sampleChanged(3);
      expectClose(await tracker.dashboard(options), await fresh());
      expect(started.workers).toBe(2);
    } finally {
      started.holdLoads = null;
      release();
      await tracker.close();
    }
  }, 60_000);

  it('ends the fresh worker with the first when the project closes while it takes the file back', async () => {
    const { tracker } = await trackedProject();
    let release = () => {};
    started.holdLoads = new Promise((resolve) => (release = resolve));
    try {
      started.workers = 0;
      started.ended = 0;
      await tracker.dashboard({ iouThreshold: 0.5 });
      await vi.waitFor(() => expect(started.workers).toBe(2), { timeout: 30_000, interval: 20 });
      await tracker.close();
      await vi.waitFor(() => expect(started.ended).toBe(2), { timeout: 30_000, interval: 20 });
    } finally {
      started.holdLoads = null;
      release();
    }
  }, 60_000);
});
