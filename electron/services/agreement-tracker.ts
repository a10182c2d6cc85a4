import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { AgreementDashboard, AgreementOptions, ProjectAgreement } from '../../shared/agreement';
import type { ReviewPage, ReviewPageQuery } from '../../shared/disagreement/review-ledger';
import type { ProjectKind } from '../../shared/domain/project';
import type { PackedLabelerDrift } from '../../shared/quality/packed-drift';
import type { ProjectDatabase } from '../db/project-database';
import { agreementChangePosition, samplesChangedSince } from '../db/queries/agreement-changes';
import { samplesWithSubmissions, submittedAnswerRows, submittedForAgreement, submittedStamps } from '../db/queries/agreement-inputs';
import { getProject, listTags } from '../db/queries/project';
import type { AgreementRequest, AgreementResponse, LedgerKept, FileSaved, ReviewToFill } from '../workers/agreement-protocol';
import { packAnswerPieces, transferablesOf } from '../workers/packed-answers';
import { spawnWorker } from '../workers/spawn';
import { WorkerRequests } from '../workers/worker-requests';
import { collectGarbage } from './collect-garbage';

type AgreementAnswer = Extract<AgreementResponse, { ok: true }>['value'];

/** A worker thread with its requests. */
interface AgreementThread {
  worker: Worker;
  requests: WorkerRequests<AgreementRequest, AgreementResponse, AgreementAnswer>;
}

/** Ledgers kept at once: the dashboard's options, plus a few a user tried (other IoU thresholds). */
const MAX_LEDGERS = 4;
/** Review queues kept at once (one per IoU threshold an SME tried). */
const MAX_QUEUES = 2;
/** Samples whose annotations are read and sent to the worker at once while a review queue fills. */
const FILL_CHUNK = 2_000;
/** The same for a ledger: smaller, as the ledger itself holds a large project's every sample in the same worker. */
const LEDGER_CHUNK = 1_000;
/** A ledger's first chunk, read while the worker waits for work. */
const FIRST_LEDGER_CHUNK = 200;
/**
 * Chunks of a ledger's fill between full collections of this thread (~10 ms each, its live heap
 * being small). The worker collects less often (see its `COLLECT_EVERY_SAMPLES`): the ledger alive
 * in it makes each of its collections cost more.
 */
const COLLECT_EVERY_CHUNKS = 20;
/** Made-up samples a worker taken back from a file measures so a submission's code is compiled (see `warmUpMeasuring`). */
export const SUBMISSION_WARM_UP = 2;
/** Made-up samples a worker started ahead of need measures so a whole computation's code is optimised before it runs. */
export const WHOLE_WARM_UP = 300;

/**
 * An open project's agreement and review queue, kept current in a worker: the first agreement
 * request takes back the ledger kept in the project's cache folder and reads the annotations of
 * the samples the database recorded as changed since (every submitted annotation when none was
 * kept, a chunk of samples at a time, so neither thread holds them all), the first review request the queue kept in the
 * project's cache folder and the annotations of the samples that changed since, and each later
 * submission re-sends only its sample. Requests and updates go out in the order they happen (one
 * queue), so a figure never misses a submission made before it. Once a whole computation's ledger
 * is kept, the worker is replaced by a fresh one that takes it back from its file (see `renewAfterWhole`).
 */
export class AgreementTracker {
  private worker: Worker | null = null;
  /** A worker started ahead of need (see `startWorker`), taken as `worker` by the first request; it holds nothing. */
  private spare: Worker | null = null;
  /** Option keys with a ledger in the worker, oldest first. */
  private loaded: string[] = [];
  /** Option keys with a review queue in the worker, oldest first. */
  private queues: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** The current worker's requests waiting for their answers (those of a worker that stopped fail with why). */
  private requests: AgreementThread['requests'] | null = null;
  /** The review queue's file being written, if it is. */
  private saving: Promise<unknown> = Promise.resolve();
  /** Set once `close` is called: the worker is not renewed for a project being closed. */
  private closing = false;
  /** The fresh worker taking a ledger back from its file while `worker` still answers (see `renewAfterWhole`). */
  private renewing: AgreementThread | null = null;

  /**
   * `reviewQueueFile` names where the queue of some IoU threshold is kept between sessions, and
   * `ledgerFile` where the ledger of some options (their key) is (null: nowhere).
   */
  constructor(
    private readonly connection: ProjectDatabase,
    private readonly kind: ProjectKind,
    private readonly reviewQueueFile: ((iouThreshold: number | undefined) => string) | null = null,
    private readonly ledgerFile: ((optionsKey: string) => string) | null = null,
  ) {}

  /**
   * Starts a worker before any request needs it, so the first Agreement request waits neither
   * for a thread and its modules to start (~110–150 ms of the ~0.9 s a whole computation of 10,000
   * clips takes here) nor for V8 to optimise the measuring code: the worker measures made-up
   * samples for the ledger of `warmFor` meanwhile (see `warmUpMeasuring`), then fills its young
   * generation once (see `fillYoungGeneration`), unless that ledger is kept (its first request
   * then takes the file back at once, and a warm-up still running would hold it, ~0.2 s). It
   * holds nothing and changes nothing until a request takes it.
   */
  startWorker(warmFor?: AgreementOptions): void {
    if (this.closing || this.worker || this.spare) return;
    // A whole computation is ahead only when the ledger asked for first is not kept: only then does
    // the worker start `bulk` (see `WorkerHeap`) and warm up.
    const kept = warmFor === undefined ? null : (this.ledgerFile?.(JSON.stringify(warmFor)) ?? null);
    const measuresAll = warmFor !== undefined && (kept === null || !existsSync(kept));
    const spare = spawnWorker('agreement', undefined, measuresAll ? 'bulk' : 'usual');
    const forgetSpare = () => {
      if (this.spare === spare) this.spare = null;
    };
    // A spare that fails or ends is not taken; the first request starts its own.
    spare.once('error', forgetSpare);
    spare.once('exit', forgetSpare);
    this.spare = spare;
    if (measuresAll)
      spare.postMessage({ type: 'warmUp', kind: this.kind, options: warmFor, samples: WHOLE_WARM_UP, fillYoungGeneration: true } satisfies AgreementRequest);
  }

  /** The project's agreement under `options`, current as of every submission so far. */
  snapshot(options: AgreementOptions): Promise<ProjectAgreement> {
    return this.fromLedger(options, (id, key) => ({ type: 'snapshot', id, key })) as Promise<ProjectAgreement>;
  }

  /** What the Agreement dashboard shows under `options`, from the ledger kept in the worker. */
  dashboard(options: AgreementOptions): Promise<AgreementDashboard> {
    return this.fromLedger(options, (id, key) => ({ type: 'dashboard', id, key })) as Promise<AgreementDashboard>;
  }

  /**
   * Each labeler's agreement with their peers over time (see `teamDrift`), computed in the worker
   * from the peer records of the ledger of `options` (each compared sample's pair scores and when
   * each labeler last submitted it, kept in its entries and its file): only the reports cross to
   * this thread, their points as columns (see `teamDriftOf`).
   */
  drift(options: AgreementOptions): Promise<PackedLabelerDrift[]> {
    return this.fromLedger(options, (id, key) => ({ type: 'drift', id, key })) as Promise<PackedLabelerDrift[]>;
  }

  /**
   * Each compared sample's disagreement score (0 none … 1 total) under the default options, by
   * sample id; samples fewer than two labelers submitted are absent. Its ledger skips the
   * bootstrap: loading it costs what reading the annotations costs, and it stays current like the dashboard's.
   */
  async sampleScores(): Promise<Map<number, number>> {
    const packed = (await this.fromLedger({ bootstrap: false }, (id, key) => ({ type: 'scores', id, key }))) as Float64Array;
    const scores = new Map<number, number>();
    for (let at = 0; at < packed.length; at += 2) scores.set(packed[at]!, packed[at + 1]!);
    return scores;
  }

  /** Asks the ledger of `options` (loaded first when it is not) what `request` asks. */
  private fromLedger(options: AgreementOptions, request: (id: number, key: string) => AgreementRequest): Promise<AgreementAnswer> {
    const key = JSON.stringify(options);
    return this.enqueue(async () => {
      // Whether the ledger was loaded now, and whether every sample was measured for it (a whole computation).
      let whole: boolean | null = null;
      if (!this.loaded.includes(key)) whole = await this.load(key, options);
      // Most recently used last: the ledger a list sorts by is not evicted by a user's trials.
      else this.loaded.push(...this.loaded.splice(this.loaded.indexOf(key), 1));
      // The queue moves on once the request is out; the caller waits for the answer.
      const answer = this.request((id) => request(id, key));
      // Taken back from its file, the ledger may have measured nothing in this worker: its code is warmed once the answer is on its way.
      if (whole === false) this.post({ type: 'warmUp', kind: this.kind, options, samples: SUBMISSION_WARM_UP, fillYoungGeneration: false });
      // Kept once the answer is on its way: writing the file never delays it. Closing waits for it.
      if (whole !== null) {
        const saved = this.request((id) => ({ type: 'saveLedger', id, key })).then(
          (value) => (value as FileSaved).saved,
          () => false,
        );
        this.saving = Promise.all([this.saving, saved]);
        if (whole) this.renewAfterWhole(key, options, saved);
      }
      return { answer };
    }).then(({ answer }) => answer);
  }

  /**
   * Loads the ledger `key` into the worker: taken back from its file with the samples changed
   * since, or every sample measured; whether every sample was.
   */
  private async load(key: string, options: AgreementOptions): Promise<boolean> {
    const { db } = this.connection;
    // Taken before anything is read: a change made from here on is measured again next session, never missed.
    const position = await agreementChangePosition(db);
    const file = this.ledgerFile?.(key) ?? null;
    const thread = this.workerThread();
    const opened = this.openLedger(thread, key, options, file);
    this.loaded.push(key);
    const evicted = this.loaded.length > MAX_LEDGERS ? this.loaded.shift() : undefined;
    if (evicted !== undefined) this.post({ type: 'drop', key: evicted });
    // With no file kept every sample is measured: their ids are read while the worker starts.
    const everySample = file === null || !existsSync(file) ? samplesWithSubmissions(db) : null;
    // Met when awaited below; not reported as unhandled if the load fails first.
    everySample?.catch(() => undefined);
    return this.catchUp(thread, key, position, await opened, everySample).catch((error: unknown) => {
      // A ledger missing some samples would answer wrong figures: the next request loads it anew.
      this.post({ type: 'drop', key });
      this.loaded = this.loaded.filter((loaded) => loaded !== key);
      throw error;
    });
  }

  /**
   * Has `thread` take the ledger `key` back from `file` (or start it empty); where the database's
   * changes stood when the file was kept (null: nothing taken back).
   */
  private async openLedger(thread: AgreementThread, key: string, options: AgreementOptions, file: string | null): Promise<string | null> {
    // The project's creation time tells its cache files from those of another project copied in.
    const project = String((await getProject(this.connection.db))?.createdAt ?? '');
    const loaded = await thread.requests.send((id) => ({ type: 'load', id, key, kind: this.kind, options, file, project }));
    return (loaded as LedgerKept).position;
  }

  /**
   * Fills the ledger `key` in `thread` with the samples changed since `kept` (where its file, or
   * an earlier catch-up, stood), or with every sample (`everySample`, when given) when nothing
   * was taken back; `position` is where the changes stood before either was read. Whether every
   * sample was measured.
   */
  private async catchUp(thread: AgreementThread, key: string, position: string, kept: string | null, everySample: Promise<number[]> | null): Promise<boolean> {
    const { db } = this.connection;
    // Only what changed since the file was kept; every sample when nothing was, or when that cannot be told.
    const changed = kept === null ? null : await samplesChangedSince(db, kept);
    thread.worker.postMessage({ type: 'begin', key, position, fresh: changed === null } satisfies AgreementRequest);
    await this.fill(thread, key, changed ?? (await (everySample ?? samplesWithSubmissions(db))));
    return changed === null;
  }

  /**
   * Once the ledger `key`, which measured every sample, is written to its file (`saved`), replaces
   * the worker by a fresh one that takes it back from that file, when the worker holds nothing
   * else. Measuring 100,000 images × 3 labelers leaves the worker's heap and allocator holding
   * about 250 MB it freed or will only need again for a request that reads every entry; the fresh
   * worker holds the sums and worst lists, and reads the entries' blocks as they are needed, as
   * after a restart. The fresh worker starts, reads the file and answers one dashboard (its code
   * compiled) while the old one still answers requests: a request never waits for that (~0.3 s
   * at 100,000 images), only for the change of worker and the samples changed since the file.
   * Nothing is missed: the file's position was taken before the ledger's inputs were read, so a
   * sample changed since is measured again in the fresh worker before it answers anything.
   */
  private renewAfterWhole(key: string, options: AgreementOptions, saved: Promise<boolean>): void {
    const worker = this.worker;
    // Anything else in the worker (another ledger, a review queue) would be loaded again at a cost: the worker stays.
    const renewable = () => !this.closing && this.worker === worker && this.loaded.length === 1 && this.loaded[0] === key && this.queues.length === 0;
    void saved
      .then(async (written) => {
        if (!written || !renewable()) return;
        const fresh = this.startThread(spawnWorker('agreement'));
        this.renewing = fresh;
        const letGo = async () => {
          if (this.renewing === fresh) this.renewing = null;
          await fresh.requests.close();
        };
        // Taken back, the samples changed since measured, its code warmed for a submission and asked once
        // (its first answer is ~20 ms slower, its code not yet compiled); where the changes stood when it was caught up.
        const takeBack = async () => {
          const kept = await this.openLedger(fresh, key, options, this.ledgerFile?.(key) ?? null);
          if (kept === null) return null;
          const position = await agreementChangePosition(this.connection.db);
          await this.catchUp(fresh, key, position, kept, null);
          fresh.worker.postMessage({
            type: 'warmUp',
            kind: this.kind,
            options,
            samples: SUBMISSION_WARM_UP,
            fillYoungGeneration: false,
          } satisfies AgreementRequest);
          await fresh.requests.send((id) => ({ type: 'dashboard', id, key }));
          return position;
        };
        // A file it cannot take back, or a thread that fails, leaves the old worker and its whole ledger in place.
        const caughtUp = await takeBack().catch(() => null);
        if (caughtUp === null) return letGo();
        await this.enqueue(async () => {
          // The project changed course meanwhile (closed, another ledger or a review queue loaded, the worker stopped).
          if (this.renewing !== fresh || !renewable()) return letGo();
          this.renewing = null;
          // Every request sent to the old worker is answered first: stopping it refuses nothing. It ends
          // in the background (~0.1 s to free its heap): requests go to the fresh one at once, once it has
          // measured the few samples changed since it caught up.
          await this.requests?.drained();
          void this.detach()?.close(new Error('the agreement worker was replaced'));
          this.adopt(fresh);
          this.loaded = [key];
          await this.catchUp(fresh, key, await agreementChangePosition(this.connection.db), caughtUp, null);
        });
      })
      .catch((error: unknown) => {
        // The next request loads what it needs anew.
        console.error('[agreement] could not take the ledger back in a fresh worker:', error);
        void this.stop();
      });
  }

  /**
   * Sends the ledger `key` in `thread` the submitted annotations of `samples` (in increasing id),
   * a chunk at a time, each read while the worker takes the ones before.
   */
  private async fill(thread: AgreementThread, key: string, samples: readonly number[]): Promise<void> {
    const inWorker: Promise<unknown>[] = [];
    const tags = await listTags(this.connection.db);
    // The first chunk is small: the worker, idle until it comes, starts measuring sooner.
    for (let start = 0, end = FIRST_LEDGER_CHUNK, chunks = 0; start < samples.length; start = end, end += LEDGER_CHUNK) {
      // The chunks' rows outlive the young collections made while they are read and sent, and piled up
      // in the old generation until V8's next full collection: the back end's peak over a 100,000 × 3
      // whole computation was 495–511 MB with them, 456–467 MB without (the web host, same runs).
      if (++chunks % COLLECT_EVERY_CHUNKS === 0) collectGarbage();
      const chunk = samples.slice(start, end);
      const pieces = packAnswerPieces(chunk, await submittedAnswerRows(this.connection.db, chunk), tags);
      // Two chunks in the worker at most, one measured and one waiting: the worker never waits while
      // this thread reads the next one, and memory stays that of three chunks, whatever the project's size.
      if (inWorker.length === 2) await inWorker.shift();
      const sent = Promise.all(pieces.map((piece) => thread.requests.send((id) => ({ type: 'fill', id, key, ...piece }), transferablesOf(piece.answers))));
      // Its failure is met when it is awaited, below or in a later turn; not reported as unhandled meanwhile.
      sent.catch(() => undefined);
      inWorker.push(sent);
    }
    await Promise.all(inWorker);
  }

  /** One page of the review queue, its disagreements classified with `options`' IoU threshold. */
  reviewPage(options: AgreementOptions, query: ReviewPageQuery): Promise<ReviewPage> {
    const review = { iouThreshold: options.iouThreshold };
    const key = JSON.stringify(review);
    return this.enqueue(async () => {
      let save = false;
      if (!this.queues.includes(key)) {
        const { db } = this.connection;
        const stamps = await submittedStamps(db);
        this.workerThread();
        const file = this.reviewQueueFile?.(options.iouThreshold) ?? null;
        const { stale } = (await this.request((id) => ({ type: 'loadReview', id, key, kind: this.kind, review, stamps, file }))) as ReviewToFill;
        this.queues.push(key);
        const evicted = this.queues.length > MAX_QUEUES ? this.queues.shift() : undefined;
        if (evicted !== undefined) this.post({ type: 'dropReview', key: evicted });
        // A chunk at a time: the main thread never holds a large project's every annotation at once.
        const tags = await listTags(db);
        for (let start = 0; start < stale.length; start += FILL_CHUNK) {
          const chunk = stale.slice(start, start + FILL_CHUNK).sort((a, b) => a - b);
          for (const { answers } of packAnswerPieces(chunk, await submittedAnswerRows(db, chunk), tags)) {
            this.post({ type: 'fillReview', key, answers }, transferablesOf(answers));
          }
        }
        save = true;
      }
      const answer = this.request((id) => ({ type: 'review', id, key, query }));
      // Kept once the page is on its way: writing the file never delays the first rows. Closing waits for it.
      if (save) this.saving = this.request((id) => ({ type: 'saveReview', id, key })).catch(() => undefined);
      return { answer };
    }).then(({ answer }) => answer) as Promise<ReviewPage>;
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
   * Forgets every ledger and review queue, so the next request loads its own anew from the database: for changes
   * this process may have missed (another server's, announced while it was not listening).
   * Requests already made are answered first, from the ledgers as they were.
   */
  invalidate(): void {
    if (!this.worker) return;
    void this.enqueue(async () => this.forgetAll());
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.queue.catch(() => undefined);
    await this.saving;
    await this.stop();
  }

  /** The worker requests go to, started (or the spare taken) when there is none. */
  private workerThread(): AgreementThread {
    if (this.worker && this.requests) return { worker: this.worker, requests: this.requests };
    const thread = this.startThread(this.spare ?? spawnWorker('agreement'));
    this.spare = null;
    this.adopt(thread);
    return thread;
  }

  /** `worker` with its requests; it takes none until adopted. */
  private startThread(worker: Worker): AgreementThread {
    const requests = new WorkerRequests<AgreementRequest, AgreementResponse, AgreementAnswer>(worker, {
      name: 'agreement worker',
      read: (response) => {
        if (response.ok) return response.value;
        // A failed ledger is reloaded from the database next time; the worker lets go of them all.
        if (this.worker === worker) this.forgetAll();
        throw new Error(response.message);
      },
    });
    // Its requests fail on their own (above); what it held is loaded again by the next worker.
    const forgetWorker = () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.loaded = [];
      this.queues = [];
    };
    worker.on('error', forgetWorker);
    worker.on('exit', forgetWorker);
    return { worker, requests };
  }

  /** Requests go to `thread` from now on; it holds nothing the tracker knows of yet. */
  private adopt(thread: AgreementThread): void {
    this.worker = thread.worker;
    this.requests = thread.requests;
  }

  /** Lets go of the current worker and what it held, and its requests, to be closed by the caller. */
  private detach(): AgreementThread['requests'] | null {
    const requests = this.worker ? this.requests : null;
    this.worker = null;
    this.requests = null;
    this.loaded = [];
    this.queues = [];
    return requests;
  }

  /** Lets the worker drop every ledger and queue: each is loaded again on its next request. */
  private forgetAll(): void {
    for (const key of this.loaded) this.post({ type: 'drop', key });
    for (const key of this.queues) this.post({ type: 'dropReview', key });
    this.loaded = [];
    this.queues = [];
  }

  /** Sends a request that is answered, and the promise of its answer; `transfer` lists buffers moved to the worker, not copied. */
  private request(request: (id: number) => AgreementRequest, transfer: ArrayBuffer[] = []): Promise<AgreementAnswer> {
    if (!this.requests) return Promise.reject(new Error('the agreement worker was never started'));
    return this.requests.send(request, transfer);
  }

  private post(request: AgreementRequest, transfer: ArrayBuffer[] = []): void {
    this.worker?.postMessage(request, transfer);
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const result = this.queue.then(step);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async stop(): Promise<void> {
    const spare = this.spare;
    this.spare = null;
    await spare?.terminate();
    const renewing = this.renewing;
    this.renewing = null;
    await renewing?.requests.close();
    // Settled before waiting: a request made meanwhile belongs to the next worker, not this one.
    await this.detach()?.close(new Error('the project was closed'));
  }
}
