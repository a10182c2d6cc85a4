import type { Worker } from 'node:worker_threads';

/** What of a worker thread its requests use: a `Worker`, or a stand-in that behaves as one. */
export interface RequestedWorker extends Pick<Worker, 'postMessage' | 'terminate'> {
  on(event: string, listener: (...args: never[]) => void): unknown;
}

/** What every reply of a worker carries: the id of the request it answers. */
export interface WorkerReply {
  id: number;
}

interface Waiting<Answer> {
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

export interface WorkerRequestsOptions<Reply extends WorkerReply, Answer> {
  /** Names the worker in the errors of a worker that failed or stopped ("agreement worker"). */
  name: string;
  /**
   * Reads a reply into its request's answer, or throws what the request failed with. Called for
   * every reply, even one whose request is no longer waiting.
   */
  read: (reply: Reply) => Answer;
}

/**
 * A long-lived worker thread's requests seen as promises: each request goes out with an id of
 * its own, its promise is kept by that id until the worker's reply with the same id settles it
 * (replies may come in any order), and a worker that fails, stops or is closed fails every
 * request still waiting, and every later one, with one error. A reply for no waiting request
 * (late, or for a request already failed) is read and otherwise ignored.
 *
 * @example
 * const pages = new WorkerRequests<PageRequest, PageReply, Page>(spawnWorker('page'), {
 *   name: 'page worker',
 *   read: (reply) => {
 *     if (reply.ok) return reply.value;
 *     throw new Error(reply.message);
 *   },
 * });
 * const page = await pages.send((id) => ({ id, number: 3 }));
 * await pages.close(new Error('the project was closed'));
 */
export class WorkerRequests<Request, Reply extends WorkerReply, Answer> {
  private readonly pending = new Map<number, Waiting<Answer>>();
  private nextId = 1;
  private failure: Error | null = null;
  /** Who waits for every request sent so far to be answered (see {@link drained}). */
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly worker: RequestedWorker,
    private readonly options: WorkerRequestsOptions<Reply, Answer>,
  ) {
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error: Error) => this.failAll(new Error(`${options.name} failed: ${error.message}`)));
    worker.on('exit', (code: number) => this.failAll(new Error(`${options.name} stopped (exit code ${code})`)));
  }

  /** Requests sent and not yet answered. */
  get waiting(): number {
    return this.pending.size;
  }

  /** Settles once no request is waiting for its answer (at once when none is), whether answered or failed. */
  drained(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Sends the request `make` builds around its id, and the promise of its answer; `transfer` lists buffers moved to the worker, not copied. */
  send(make: (id: number) => Request, transfer: readonly ArrayBuffer[] = []): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const answer = new Promise<Answer>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage(make(id), transfer);
    return answer;
  }

  /** Fails every waiting request, and every later one, with `reason` (by default, that the worker was closed); then ends the thread. */
  async close(reason = new Error(`${this.options.name} was closed`)): Promise<void> {
    this.failAll(reason);
    await this.worker.terminate();
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    let answer: Answer;
    try {
      answer = this.options.read(reply);
    } catch (error) {
      waiting?.reject(error instanceof Error ? error : new Error(String(error)));
      this.noticeDrained();
      return;
    }
    waiting?.resolve(answer);
    this.noticeDrained();
  }

  /** The first failure is the one every request meets: a thread that failed then also exits. */
  private failAll(error: Error): void {
    this.failure ??= error;
    // Taken before settling: nothing settled here can be answered again by a late reply.
    const stranded = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of stranded) reject(this.failure);
    this.noticeDrained();
  }

  private noticeDrained(): void {
    if (this.pending.size > 0) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
