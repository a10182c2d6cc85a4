import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { ClassifyingProgress } from '../../shared/domain/classifying';
import type { ProjectKind } from '../../shared/domain/project';
import { staleReviewCount } from '../db/queries/review-queue';
import type { Database } from '../db/schema';
import type { EventBus } from './hosting/events';
import { classifyStaleChunk, refreshKeptReviewQueue } from './review-queue-kept';

/**
 * Up to this many stale samples are classified while a read waits: a third to half a millisecond
 * each here, so the answer stays within a list's 300 ms. A submission marks one sample, a
 * session's work a handful. More than this (an upgrade, a label import answering every sample,
 * a tag on half the project renamed) are classified in the background.
 */
const CLASSIFIED_WHILE_WAITING = 300;

/** Samples per transaction in the background: about 50 ms here, the longest a request waits behind one. */
const BACKGROUND_CHUNK = 100;

/** The least time between two reports of progress. */
const PROGRESS_EVERY_MS = 1000;

/**
 * Keeps the Review queue and each sample's agreement kept in an open project's database (see
 * review-queue-kept.ts) current. A read with a few samples marked stale classifies them first;
 * with many, it answers from what is kept and says how far the classification is, which goes on
 * in the background a chunk at a time, with the back end answering other requests between chunks.
 */
export class KeptQueueCatchUp {
  private running: Promise<void> | null = null;
  private classified = 0;
  private closed = false;
  /** Why the last background run stopped, told by the next read (then tried again). */
  private failure: unknown = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: ProjectKind,
    private readonly events: EventBus,
  ) {}

  /**
   * Readies the kept queue for a read: null when it is current (a few stale samples were
   * classified first); otherwise how far the background classification is, started if it was not.
   * A background run that failed makes this read fail with its error; the next read tries again.
   */
  async forRead(): Promise<ClassifyingProgress | null> {
    if (!this.running) {
      if (this.failure !== null) {
        const failure = this.failure;
        this.failure = null;
        throw failure;
      }
      const stale = await staleReviewCount(this.db, CLASSIFIED_WHILE_WAITING + 1);
      if (stale === 0) return null;
      if (stale <= CLASSIFIED_WHILE_WAITING) {
        await refreshKeptReviewQueue(this.db, this.kind);
        return null;
      }
      this.start();
    }
    return this.progress();
  }

  /** Resolves once no sample is stale: for what must be exact (an action on every sample below an agreement). */
  async current(): Promise<void> {
    await this.running;
    await refreshKeptReviewQueue(this.db, this.kind);
    // Whatever stopped the background run is past: nothing is stale now.
    this.failure = null;
  }

  /** Starts classifying in the background what is stale, if it is not already (after a bulk change: no read need wait for it). */
  start(): void {
    if (this.running || this.closed) return;
    this.classified = 0;
    this.failure = null;
    this.running = this.classifyInBackground();
  }

  /** Stops the background classification after its chunk in hand (before the database closes). */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }

  private async progress(): Promise<ClassifyingProgress> {
    return { classified: this.classified, remaining: await staleReviewCount(this.db, Number.MAX_SAFE_INTEGER) };
  }

  private async classifyInBackground(): Promise<void> {
    let toldAt = Date.now();
    try {
      for (;;) {
        // Requests that arrived meanwhile are answered before the next chunk.
        await nextTurn();
        if (this.closed) break;
        const classified = await classifyStaleChunk(this.db, this.kind, BACKGROUND_CHUNK);
        if (classified === 0) break;
        this.classified += classified;
        if (Date.now() - toldAt >= PROGRESS_EVERY_MS) {
          toldAt = Date.now();
          this.events.emit('review.classifying', { ...(await this.progress()), running: true });
        }
      }
    } catch (error) {
      this.failure = error;
      console.warn(`[review] classifying in the background stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
    const remaining = this.closed || this.failure === null ? 0 : await staleReviewCount(this.db, Number.MAX_SAFE_INTEGER).catch(() => 0);
    // Over before it is told: a read the report prompts finds the queue current, or the failure.
    this.running = null;
    if (!this.closed) this.events.emit('review.classifying', { classified: this.classified, remaining, running: false });
  }
}
