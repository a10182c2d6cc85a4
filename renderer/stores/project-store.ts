import { create } from 'zustand';
import { mayCall } from '../../shared/api/access';
import { ApiError } from '../../shared/api/errors';
import type { OperationArg } from '../../shared/api/contract';
import type { Labeler } from '../../shared/domain/labeler';
import type { ProjectKind, ProjectSummary, RecentProject } from '../../shared/domain/project';
import type { SignedIn, SignInOptions } from '../../shared/domain/session';
import { api } from '../api/api';
import { dropAllUnsent } from '../autosave/unsent-edits';

/** A project refused because its database is damaged: which, and the back end's words (the file, the latest copy). */
export interface Damaged {
  dir: string;
  message: string;
}

/** Set when the person signed out in this tab: do not continue as the owner again by itself. */
const SIGNED_OUT = 'concord.signedOut';

interface ProjectState {
  /** `loading` until the first answer from the back end. */
  phase: 'loading' | 'ready';
  project: ProjectSummary | null;
  recent: RecentProject[];
  /** What the sign-in screen may offer this window (owner, demo people). */
  signIn: SignInOptions | null;
  /** Who is signed in in this window; null shows the sign-in screen. */
  account: Labeler | null;
  /** Everyone in the project, for those allowed to see them (labelers are not). */
  labelers: Labeler[];
  /** A project refused as damaged, for the start screen to offer its latest backup; null when none. */
  damaged: Damaged | null;
  setDamaged(damaged: Damaged | null): void;
  /** The host closed the open project because its integrity check, run after opening it, failed. */
  closedAsDamaged(damaged: Damaged): Promise<void>;
  load(): Promise<void>;
  create(arg: OperationArg<'projects.create'>): Promise<void>;
  /** `readOnly` for a project another app has open (opening it normally fails with `in_use`). */
  open(dir: string, options?: { readOnly?: boolean }): Promise<void>;
  openDemo(kind: ProjectKind): Promise<void>;
  /** Puts the latest copy from a damaged project's backups/ in place of its database, and opens it. */
  restoreBackup(dir: string): Promise<void>;
  close(): Promise<void>;
  /** Re-reads the open project's summary after a write elsewhere (an import). */
  refresh(): Promise<void>;
  createLabeler(arg: OperationArg<'labelers.create'>): Promise<Labeler>;
  /** Signs this window in; what it may see follows from the account's role. */
  signInWith(arg: OperationArg<'session.signIn'>): Promise<void>;
  signOut(): Promise<void>;
  /** The host said this window's session ended (expired, revoked): back to the sign-in screen. */
  sessionEnded(): void;
}

let accountKnown: (account: Labeler) => void = () => undefined;

/**
 * Tells `listener` who this window is the moment the host says so, before the rest of what the
 * shell needs has arrived: the app fetches the first area's code meanwhile (see `App.tsx`).
 */
export function whenAccountKnown(listener: (account: Labeler) => void): void {
  accountKnown = listener;
}

/**
 * The open project, and who this window is, are read by every screen, so this store holds them
 * rather than a screen's `useQuery`. It keeps `useQuery`'s rule for stale answers: each entry into
 * a project (or out of one) is numbered, and what a read finds is shown only if no later entry,
 * sign-in or sign-out came meanwhile.
 */
export const useProjectStore = create<ProjectState>((set, get) => {
  /** Counts the projects this window entered: a late answer about an earlier one changes nothing. */
  let entered = 0;
  /** `asked`: `session.options` already on its way (asked beside `projects.current`). */
  async function enter(project: ProjectSummary | null, asked?: Promise<SignInOptions>): Promise<void> {
    const entry = ++entered;
    if (!project) {
      api.setSession(null);
      const options = await (asked ?? api.call('session.options'));
      const recent = options.owner ? await api.call('projects.recent') : [];
      if (entry !== entered) return;
      set({
        project: null,
        account: null,
        labelers: [],
        signIn: options,
        recent,
        phase: 'ready',
      });
      return;
    }
    // Each answer on the way to the first screen is a round trip: those that need nothing from another go together.
    const [options, stillSignedIn] = await Promise.all([asked ?? api.call('session.options'), api.hasSession() ? api.call('session.current') : null]);
    let current = stillSignedIn;
    if (!current) api.setSession(null);
    // On this computer, the person who started Concord continues as the project's owner, as before accounts.
    if (!current && options.ownerAccount && sessionStorage.getItem(SIGNED_OUT) === null) {
      current = keep(await api.call('session.signIn', { method: 'owner' }));
    }
    if (entry !== entered) return;
    // The project, who this is and the people they may see are shown together: set apart, the
    // sign-in screen flashed between them (and fetched the Label area's code for nobody).
    const account = current?.account ?? null;
    const known = ++identity;
    const labelers = await labelersFor(account);
    if (entry !== entered) return;
    set({ project, signIn: options, phase: 'ready', ...(known === identity ? { account, labelers } : {}) });
  }

  function keep(signedIn: SignedIn) {
    api.setSession({ token: signedIn.token, ticket: signedIn.mediaTicket });
    sessionStorage.removeItem(SIGNED_OUT);
    return signedIn;
  }

  /** Counts who this window became: an answer for an earlier sign-in does not undo a later one. */
  let identity = 0;
  async function signedInAs(account: Labeler | null): Promise<void> {
    const asked = ++identity;
    const labelers = await labelersFor(account);
    if (asked === identity) set({ account, labelers });
  }

  /**
   * Everyone in the project, for an account that may see them; `accountKnown` is told meanwhile
   * and fetches the first area, after this request so it does not wait behind the area's files.
   */
  async function labelersFor(account: Labeler | null): Promise<Labeler[]> {
    if (!account) return [];
    const labelers = mayCall(account.role, 'labelers.list') ? api.call('labelers.list') : Promise.resolve([]);
    accountKnown(account);
    return labelers;
  }

  return {
    phase: 'loading',
    project: null,
    recent: [],
    signIn: null,
    account: null,
    labelers: [],
    damaged: null,
    setDamaged: (damaged) => set({ damaged }),
    closedAsDamaged: async (damaged) => {
      if (get().project?.dir !== damaged.dir) return;
      set({ damaged });
      await enter(null);
    },
    load: async () => {
      // Asked beside `projects.current` rather than after it; a failure is met where it is awaited.
      const options = api.call('session.options');
      options.catch(() => undefined);
      try {
        await enter(await api.call('projects.current'), options);
      } catch (error) {
        // A tab without the owner's key, before signing in: it may sign in to the open project.
        if (!(error instanceof ApiError) || error.code !== 'unauthenticated') throw error;
        api.setSession(null);
        const options = await api.call('session.options');
        set({ project: null, account: null, labelers: [], signIn: options, recent: [], phase: 'ready' });
      }
    },
    create: async (arg) => enter(await api.call('projects.create', arg)),
    open: async (dir, options) => enter(await api.call('projects.open', { dir, readOnly: options?.readOnly ?? false })),
    openDemo: async (kind) => enter(await api.call('projects.openDemo', { kind })),
    restoreBackup: async (dir) => enter(await api.call('projects.restoreBackup', { dir })),
    close: async () => {
      await api.call('projects.close');
      await enter(null);
    },
    refresh: async () => {
      const entry = entered;
      const project = await api.call('projects.current');
      if (entry !== entered) return;
      if (project) set({ project });
      await signedInAs(get().account);
    },
    createLabeler: async (arg) => {
      const labeler = await api.call('labelers.create', arg);
      set({ labelers: await api.call('labelers.list') });
      return labeler;
    },
    signInWith: async (arg) => {
      const signedIn = keep(await api.call('session.signIn', arg));
      const project = get().project ?? (await api.call('projects.current'));
      set({ project, signIn: await api.call('session.options') });
      await signedInAs(signedIn.account);
    },
    signOut: async () => {
      await api.call('session.signOut');
      api.setSession(null);
      // Edits kept while offline are this person's: the next one at this browser must not find (or send) them.
      dropAllUnsent(localStorage);
      sessionStorage.setItem(SIGNED_OUT, '1');
      identity++;
      set({ account: null, labelers: [] });
    },
    sessionEnded: () => {
      api.setSession(null);
      identity++;
      set({ account: null, labelers: [] });
    },
  };
});
