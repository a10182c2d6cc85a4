import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../shared/api/client';
import type { GuidelineDraft, GuidelineExample } from '../../shared/domain/guideline';
import { Autosaver, systemClock, type AutosaveStatus, type Clock } from '../autosave/autosaver';

/** The draft is saved this long after the last keystroke... */
export const DRAFT_SAVE_DELAY_MS = 600;
/** ...and at least this often while typing goes on. */
export const DRAFT_SAVE_MAX_WAIT_MS = 3000;

/** What the draft editor shows. */
export interface DraftView {
  /** The draft as the back end last answered (its examples and the types it addresses); `null` until it is open. */
  draft: GuidelineDraft | null;
  /** The Markdown on screen, saved or not. */
  body: string;
  save: AutosaveStatus;
  /**
   * Text typed here that a reload after a conflict replaced with the version saved elsewhere:
   * kept on screen until the person dismisses it, so nothing typed is lost silently.
   */
  setAside: string | null;
  /** Why the draft could not be opened. */
  loadError: string | null;
}

/** A change to one attached case: where it goes, whether it shows what to do or not, its caption. */
export type ExampleChange = Partial<Pick<GuidelineExample, 'section' | 'polarity' | 'caption'>>;

const NOT_OPEN: DraftView = { draft: null, body: '', save: { phase: 'idle', revision: null }, setAside: null, loadError: null };
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * One editing session of the guideline draft, from `begin` to `close`: its load, the autosaver
 * of its text (each save based on the revision the last one returned, so a save from elsewhere
 * in between is a conflict) and the reload after a conflict. Once closed, nothing it started
 * changes its view again (a `begin` after `close` opens the draft anew).
 * @example
 * const session = new DraftSession(api);
 * await session.begin();
 * session.type('# Rules');
 * await session.flush(); // before publishing
 */
export class DraftSession {
  readonly view: StoreApi<DraftView> = createStore<DraftView>(() => NOT_OPEN);
  private saver: Autosaver<string, GuidelineDraft> | null = null;
  /** The newest load: the answer to any other is dropped. */
  private loadToken = 0;
  private closed = false;

  constructor(
    private readonly client: Pick<ApiClient, 'call'>,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Opens the draft (the first time, the back end starts it from the current version). */
  async begin(): Promise<void> {
    this.closed = false;
    try {
      await this.load();
    } catch (error) {
      this.set({ loadError: messageOf(error) });
      throw error;
    }
  }

  /** Takes the text as it now is; it is saved shortly. After a conflict it is kept on screen but not sent. */
  type(body: string): void {
    if (this.closed) return;
    this.set({ body });
    this.saver?.change(body);
  }

  /** Saves what is unsaved now; rejects with the reason a save failed, or with the conflict. */
  async flush(): Promise<void> {
    await this.saver?.flush();
  }

  /**
   * After a conflict: shows the draft as the back end now holds it and goes on from its revision.
   * The text that could not be saved is set aside, not thrown away.
   */
  async reload(): Promise<void> {
    this.replaceSaver(null);
    const { loaded, onScreen } = (await this.load()) ?? {};
    if (loaded && onScreen !== undefined && onScreen !== loaded.bodyMd) this.set({ setAside: onScreen });
  }

  /** Forgets the text set aside by a reload (the person copied what they needed). */
  dismissSetAside(): void {
    this.set({ setAside: null });
  }

  updateExample(id: number, change: ExampleChange): Promise<void> {
    return this.client.call('guidelines.updateExample', { id, ...change }).then((draft) => this.showCases(draft));
  }

  removeExample(id: number): Promise<void> {
    return this.client.call('guidelines.removeExample', { id }).then((draft) => this.showCases(draft));
  }

  /** Ends the session after sending what is unsaved; rejects if that fails. Answers still on their way land nowhere. */
  async close(): Promise<void> {
    const saver = this.saver;
    this.closed = true;
    this.loadToken++;
    this.saver = null;
    try {
      await saver?.flush();
    } finally {
      saver?.dispose();
    }
  }

  private async load(): Promise<{ loaded: GuidelineDraft; onScreen: string } | null> {
    const token = ++this.loadToken;
    const loaded = await this.client.call('guidelines.draft');
    // Whether this load is still the session's newest: a saver being flushed by `close` reports to nowhere.
    const current = () => !this.closed && token === this.loadToken;
    if (!current()) return null;
    const saver = new Autosaver<string, GuidelineDraft>({
      content: loaded.bodyMd,
      revision: loaded.revision,
      save: (bodyMd, baseRevision) => this.client.call('guidelines.saveDraft', { bodyMd, baseRevision: baseRevision ?? 0 }),
      onSaved: (draft) => current() && this.set({ draft }),
      delayMs: DRAFT_SAVE_DELAY_MS,
      maxWaitMs: DRAFT_SAVE_MAX_WAIT_MS,
      clock: this.clock,
    });
    this.replaceSaver(saver);
    saver.subscribe((save) => current() && this.set({ save }));
    // What was typed while the draft loaded is what the caller may have to set aside.
    const onScreen = this.view.getState().body;
    this.set({ draft: loaded, body: loaded.bodyMd, save: saver.status, loadError: null });
    return { loaded, onScreen };
  }

  /** An answer about the cases: their new state, while the text on screen stays what is typed. */
  private showCases(draft: GuidelineDraft): void {
    this.set({ draft });
  }

  private replaceSaver(saver: Autosaver<string, GuidelineDraft> | null): void {
    this.saver?.dispose();
    this.saver = saver;
  }

  private set(change: Partial<DraftView>): void {
    if (!this.closed) this.view.setState(change);
  }
}
