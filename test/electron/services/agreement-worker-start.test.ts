import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { submittedForAgreement } from '../../../electron/db/queries/agreement-inputs';
import type { ProjectDatabase } from '../../../electron/db/project-database';
import { AgreementTracker, SUBMISSION_WARM_UP, WHOLE_WARM_UP } from '../../../electron/services/agreement-tracker';
import type { AgreementRequest } from '../../../electron/workers/agreement-protocol';
import type * as Spawn from '../../../electron/workers/spawn';
import { AgreementLedger } from '../../../shared/agreement';
import { describeOnEngines } from '../../support/engines';
import { closedProject } from '../../support/project-opening';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';
import { twoLabelerBoxProject } from '../../support/two-labeler-boxes';

/**
 * Every agreement worker started, in order (each test counts from its own start: one that failed
 * may leave a worker starting), with the messages posted to each.
 */
const started = vi.hoisted(() => ({ workers: [] as Worker[], posted: new Map<Worker, unknown[]>() }));
vi.mock('../../../electron/workers/spawn', async (original) => {
  const spawn = await original<typeof Spawn>();
  return {
    spawnWorker: (...args: Parameters<typeof spawn.spawnWorker>) => {
      const worker = spawn.spawnWorker(...args);
      if (args[0] === 'agreement') {
        started.workers.push(worker);
        const posted: unknown[] = [];
        started.posted.set(worker, posted);
        const post = worker.postMessage.bind(worker);
        worker.postMessage = (message: unknown, transfer?: Parameters<Worker['postMessage']>[1]) => {
          posted.push(message);
          post(message, transfer);
        };
      }
      return worker;
    },
  };
});

/** Each warm-up posted to `worker`: how many made-up samples it asked for, and whether its young generation was to be filled. */
function warmUps(worker: Worker): Array<{ samples: number; fillYoungGeneration: boolean }> {
  return (started.posted.get(worker) ?? []).flatMap((message) => {
    const request = message as AgreementRequest;
    return request.type === 'warmUp' ? [{ samples: request.samples, fillYoungGeneration: request.fillYoungGeneration }] : [];
  });
}

/** Settles once `worker` has ended (at once if it already has). */
function ended(worker: Worker): Promise<void> {
  return worker.threadId === -1 ? Promise.resolve() : new Promise((resolve) => worker.once('exit', () => resolve()));
}

describeOnEngines('the agreement worker started before the first request', (engine) => {
  const trackers: AgreementTracker[] = [];
  afterEach(async () => {
    for (const tracker of trackers.splice(0)) await tracker.close();
  });

  /** A two-labeler box project of 20 samples and a tracker on it (no files kept), with the dashboard its answers give. */
  async function trackedProject() {
    const db = await engine.migratedDatabase();
    await twoLabelerBoxProject(db, 20);
    const tracker = new AgreementTracker({ db } as ProjectDatabase, 'bbox');
    trackers.push(tracker);
    const expected = async () => AgreementLedger.of('bbox', await submittedForAgreement(db), { iouThreshold: 0.5 }).dashboard();
    return { tracker, expected };
  }

  it('is the worker the first request uses: no second one starts, and the answer is the whole project', async () => {
    const { tracker, expected } = await trackedProject();
    const before = started.workers.length;
    tracker.startWorker();
    tracker.startWorker();
    expect(started.workers.length - before).toBe(1);
    // A submission before any request loads nothing into it: the first request reads every sample.
    tracker.sampleChanged(1);
    expect(await tracker.dashboard({ iouThreshold: 0.5 })).toEqual(await expected());
    expect(started.workers.length - before).toBe(1);
  });

  it('ends with the project when no request used it', async () => {
    const { tracker } = await trackedProject();
    const before = started.workers.length;
    tracker.startWorker();
    const spare = started.workers[before]!;
    await tracker.close();
    await ended(spare);
    expect(spare.threadId).toBe(-1);
    // A closed project starts none.
    tracker.startWorker();
    expect(started.workers.length - before).toBe(1);
  });

  it('is replaced by a new worker when it ended before the first request', async () => {
    const { tracker, expected } = await trackedProject();
    const before = started.workers.length;
    tracker.startWorker();
    await started.workers[before]!.terminate();
    expect(await tracker.dashboard({ iouThreshold: 0.5 })).toEqual(await expected());
    expect(started.workers.length - before).toBe(2);
  });
});

describe('opening a project', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  it('starts its agreement worker in the hosts people use (startAgreementWorkerOnOpen), not in the others', async () => {
    const { host, dir } = await closedProject(newHost, tempDir, { hostKind: 'cli' });
    const before = started.workers.length;
    await host.ok('projects.open', { dir });
    expect(started.workers.length - before).toBe(0);
    await host.ok('projects.close', {});

    const app = newHost(tempDir(), { startAgreementWorkerOnOpen: true });
    await app.ok('projects.open', { dir });
    expect(started.workers.length - before).toBe(1);
    await app.ok('projects.close', {});
    await ended(started.workers[before]!);
  });

  it("warms the worker (its code and its young generation) for the dashboard's whole computation, but not once the dashboard's ledger is kept", async () => {
    const { dir } = await closedProject(newHost, tempDir);
    const app = newHost(tempDir(), { startAgreementWorkerOnOpen: true });
    await app.ok('projects.open', { dir });
    expect(warmUps(started.workers.at(-1)!)).toEqual([{ samples: WHOLE_WARM_UP, fillYoungGeneration: true }]);
    // Its ledger is written to the project's cache once answered; closing waits for the file.
    await app.ok('agreement.project', {});
    await app.ok('projects.close', {});

    await app.ok('projects.open', { dir });
    const spare = started.workers.at(-1)!;
    expect(warmUps(spare)).toEqual([]);
    // Taken back from its file, the ledger warms only what a submission runs.
    await app.ok('agreement.project', {});
    expect(warmUps(spare)).toEqual([{ samples: SUBMISSION_WARM_UP, fillYoungGeneration: false }]);
    await app.ok('projects.close', {});
  });
});
