import { parentPort, workerData } from 'node:worker_threads';
import { spawnWorker } from './spawn';

/** The one message a one-shot worker sends back. */
export type WorkerOutcome<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Runs `electron/workers/<name>.worker.ts` for one job: the thread starts with `job`,
 * answers once, and is gone. For rare, heavy jobs whose memory should go back to the
 * system afterwards (decoding audio, recomputing a project's agreement).
 */
export function runWorkerOnce<Job, Result>(name: string, job: Job): Promise<Result> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(name, job);
    worker.once('message', (outcome: WorkerOutcome<Result>) => {
      if (outcome.ok) resolve(outcome.value);
      else reject(new Error(outcome.message));
      void worker.terminate();
    });
    worker.once('error', reject);
    // Settles nothing after the message; catches a thread that died without one.
    worker.once('exit', (code) => reject(new Error(`${name} worker stopped (exit code ${code})`)));
  });
}

/** Inside a one-shot worker: computes the answer to the job it was started with and sends it. */
export function answerOnce<Job, Result>(compute: (job: Job) => Promise<Result> | Result, transfer?: (result: Result) => ArrayBuffer[]): void {
  const port = parentPort;
  if (!port) throw new Error('a one-shot worker must run as a worker thread');
  void Promise.resolve()
    .then(() => compute(workerData as Job))
    .then(
      (value) => port.postMessage({ ok: true, value } satisfies WorkerOutcome<Result>, transfer?.(value) ?? []),
      (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies WorkerOutcome<Result>),
    );
}
