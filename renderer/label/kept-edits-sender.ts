import { samePayload } from '../../shared/annotation/same-payload';
import { ApiError } from '../../shared/api/errors';
import type { Clock } from '../autosave/autosaver';
import type { UnsentEdit, UnsentEdits } from '../autosave/unsent-edits';
import type { KeptLabel, LabelSource } from './label-source';

/** While the back end cannot be reached, kept edits are tried again this often. */
const RETRY_MS = 2000;

/** What became of the kept edits of one sample when they were sent. */
export type KeptEditOutcome = 'saved' | 'already-saved' | 'conflict' | 'refused' | 'unreachable';

/**
 * Sends the edits this browser kept while the back end could not be reached, for every sample
 * that has some, not only the one on screen (the sample on screen has its own autosaver). Each
 * is sent on the revision it was made on, so a newer save elsewhere is a conflict and nothing is
 * overwritten; one whose content the back end already holds (the save landed, its answer was
 * lost) is confirmed. A conflict or a refusal is kept, to be shown when its sample is opened.
 *
 * @example
 *   const sender = new KeptEditsSender(source, unsent, clock, () => shownSampleId);
 *   void sender.send();   // at the start, and again whenever the back end is known to answer
 */
export class KeptEditsSender {
  private running: Promise<void> | null = null;
  private again = false;
  private retry: unknown = null;
  private stopped = false;

  constructor(
    private readonly source: LabelSource,
    private readonly unsent: UnsentEdits<KeptLabel>,
    private readonly clock: Clock,
    /** The sample on screen, whose kept edits its own autosaver sends. */
    private readonly shownSampleId: () => number | undefined,
  ) {}

  /** Sends every kept edit now (once the run under way, if any, has finished). */
  send(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.cancelRetry();
    this.running = this.sendAll().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.send();
      }
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    this.cancelRetry();
  }

  private async sendAll(): Promise<void> {
    for (const sampleId of this.unsent.sampleIds()) {
      if (this.stopped) return;
      if (sampleId === this.shownSampleId()) continue;
      const kept = this.unsent.find(sampleId);
      if (!kept) continue;
      const outcome = await this.sendOne(sampleId, kept);
      if (outcome === 'saved' || outcome === 'already-saved') this.unsent.drop(sampleId);
      if (outcome === 'unreachable') {
        // Still out of reach: the rest would fail alike. Tried again later, or as soon as it is known to answer.
        this.retry = this.clock.setTimeout(() => void this.send(), RETRY_MS);
        return;
      }
    }
  }

  private async sendOne(sampleId: number, { baseRevision, content }: UnsentEdit<KeptLabel>): Promise<KeptEditOutcome> {
    try {
      await this.source.save(sampleId, content.payload, content.status, baseRevision, 0);
      return 'saved';
    } catch (error) {
      if (!(error instanceof ApiError)) return 'refused';
      if (error.code === 'unavailable') return 'unreachable';
      if (error.code !== 'conflict') return 'refused';
      const now = await this.source.current?.(sampleId).catch(() => null);
      return now && now.status === content.status && samePayload(now.payload, content.payload) ? 'already-saved' : 'conflict';
    }
  }

  private cancelRetry(): void {
    if (this.retry !== null) this.clock.clearTimeout(this.retry);
    this.retry = null;
  }
}
