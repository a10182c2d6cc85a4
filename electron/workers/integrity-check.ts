import type { DatabaseVerdict } from '../db/inspect-database';
import type { WorkerOutcome } from './run-once';
import { spawnWorker } from './spawn';
import type { IntegrityJob } from './integrity.worker';

/** A check running in its worker: its verdict, and a way to stop it (the project closed first). */
export interface RunningIntegrityCheck {
  verdict: Promise<DatabaseVerdict>;
  stop(): void;
}

/**
 * Runs SQLite's integrity check of `file` in a worker thread with its own read-only handle, so
 * the host goes on answering while it reads every page (seconds for a large project). Stopped,
 * the verdict rejects with `stopped`.
 */
export function checkIntegrityInWorker(file: string, nativeBinding: string | undefined, stopped: () => Error): RunningIntegrityCheck {
  const worker = spawnWorker('integrity', { file, nativeBinding } satisfies IntegrityJob);
  let rejectVerdict: (error: Error) => void = () => undefined;
  const verdict = new Promise<DatabaseVerdict>((resolve, reject) => {
    rejectVerdict = reject;
    worker.once('message', (outcome: WorkerOutcome<DatabaseVerdict>) => {
      if (outcome.ok) resolve(outcome.value);
      else reject(new Error(`the integrity check failed to run: ${outcome.message}`));
      void worker.terminate();
    });
    worker.once('error', reject);
    // Settles nothing after the message; catches a thread that died without one.
    worker.once('exit', (code) => reject(new Error(`the integrity check stopped (exit code ${code})`)));
  });
  return {
    verdict,
    stop() {
      rejectVerdict(stopped());
      void worker.terminate();
    },
  };
}
