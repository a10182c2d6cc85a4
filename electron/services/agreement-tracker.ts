import type { Worker } from 'node:worker_threads';
import type { AgreementOptions, ProjectAgreement } from '../../shared/agreement';
import type { ReviewPage, ReviewPageQuery } from '../../shared/disagreement/review-ledger';
import type { ProjectKind } from '../../shared/domain/project';
import type { ProjectDatabase } from '../db/project-database';
import { submittedForAgreement } from '../db/queries/agreement-inputs';
import type { AgreementRequest, AgreementResponse } from '../workers/agreement-protocol';
import { spawnWorker } from '../workers/spawn';

/** Ledgers kept at once: the dashboard's options, plus a few a user tried (other IoU thresholds). */
const MAX_LEDGERS = 4;

/**
 * An open project's agreement and review queue, kept current in a worker: the first request loads
 * every submitted annotation, and each later submission re-sends only its sample. Requests and
 * updates go out in the order they happen (one queue), so a figure never misses a submission made
 * before it.
 */
export class AgreementTracker {
  private worker: Worker | null = null;
  /** Option keys with a ledger in the worker, oldest first. */
  private loaded: string[] = [];
  /** Option keys whose ledger keeps the review queue too. */
  private readonly withReview = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending = new Map<number, { resolve: (value: ProjectAgreement | ReviewPage) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(
    private readonly connection: ProjectDatabase,
    private readonly kind: ProjectKind,
  ) {}

  /** The project's agreement under `options`, current as of every submission so far. */
  snapshot(options: AgreementOptions): Promise<ProjectAgreement> {
    return this.ask(options, false, (id, key) => ({ type: 'snapshot', id, key })) as Promise<ProjectAgreement>;
  }

  /** One page of the review queue, its disagreements classified with `options`' IoU threshold. */
  reviewPage(options: AgreementOptions, query: ReviewPageQuery): Promise<ReviewPage> {
    return this.ask(options, true, (id, key) => ({ type: 'review', id, key, query })) as Promise<ReviewPage>;
  }

  private ask(options: AgreementOptions, review: boolean, request: (id: number, key: string) => AgreementRequest): Promise<ProjectAgreement | ReviewPage> {
    const key = JSON.stringify(options);
    return this.enqueue(async () => {
      const worker = this.workerThread();
      // A ledger loaded for the dashboard alone is loaded again with the review queue beside it.
      if (!this.loaded.includes(key) || (review && !this.withReview.has(key))) {
        const annotations = await submittedForAgreement(this.connection.db);
        const reviewOptions = review || this.withReview.has(key) ? { iouThreshold: options.iouThreshold } : null;
        this.post({ type: 'load', key, kind: this.kind, options, review: reviewOptions, annotations });
        if (reviewOptions) this.withReview.add(key);
        if (!this.loaded.includes(key)) this.loaded.push(key);
        const evicted = this.loaded.length > MAX_LEDGERS ? this.loaded.shift() : undefined;
        if (evicted !== undefined) {
          this.post({ type: 'drop', key: evicted });
          this.withReview.delete(evicted);
        }
      }
      const id = this.nextId++;
      const answer = new Promise<ProjectAgreement | ReviewPage>((resolve, reject) => this.pending.set(id, { resolve, reject }));
      worker.postMessage(request(id, key));
      // The queue moves on once the request is out; the caller waits for the answer.
      return { answer };
    }).then(({ answer }) => answer);
  }

  /** A sample's submitted annotations changed (a labeler submitted or withdrew one). */
  sampleChanged(sampleId: number): void {
    if (!this.worker) return; // nothing loaded yet: the first request reads everything
    void this.enqueue(async () => {
      const annotations = await submittedForAgreement(this.connection.db, sampleId);
      this.post({ type: 'set', sampleId, annotations });
    }).catch((error: unknown) => {
      // The ledgers would miss this sample: start over on the next request.
      console.error('[agreement] could not update a sample:', error);
      void this.stop();
    });
  }

  /**
   * Forgets every ledger, so the next request loads its own anew from the database: for changes
   * this process may have missed (another server's, announced while it was not listening).
   * Requests already made are answered first, from the ledgers as they were.
   */
  invalidate(): void {
    if (!this.worker) return;
    void this.enqueue(async () => {
      for (const key of this.loaded) this.post({ type: 'drop', key });
      this.loaded = [];
      this.withReview.clear();
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.stop();
  }

  private workerThread(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnWorker('agreement');
    worker.on('message', (response: AgreementResponse) => {
      const waiting = this.pending.get(response.id);
      this.pending.delete(response.id);
      if (response.ok) waiting?.resolve(response.value);
      else {
        // A failed ledger is reloaded from the database next time; the worker lets go of them all.
        for (const key of this.loaded) this.post({ type: 'drop', key });
        this.loaded = [];
        this.withReview.clear();
        waiting?.reject(new Error(response.message));
      }
    });
    const fail = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.loaded = [];
      this.withReview.clear();
      for (const { reject } of this.pending.values()) reject(new Error(reason));
      this.pending.clear();
    };
    worker.on('error', (error) => fail(`agreement worker failed: ${error.message}`));
    worker.on('exit', (code) => fail(`agreement worker stopped (exit code ${code})`));
    this.worker = worker;
    return worker;
  }

  private post(request: AgreementRequest): void {
    this.worker?.postMessage(request);
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const result = this.queue.then(step);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.loaded = [];
    this.withReview.clear();
    // Settled before waiting: a request made meanwhile belongs to the next worker, not this one.
    const stranded = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of stranded) reject(new Error('the project was closed'));
    await worker.terminate();
  }
}
