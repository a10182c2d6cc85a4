import { useStore, type StoreApi } from 'zustand';
import type { AnnotationPayload } from '../../shared/annotation/payload';
import type { Sample } from '../../shared/domain/sample';
import type { AutosaveStatus } from '../autosave/autosaver';

/**
 * The contract between an editor and whatever screen hosts it (the labeler's queue, the gold
 * label under review, a benchmark page): data in, changes out. An editor never reads a
 * screen's store; it gets one typed session and works on that, so the same editor runs in
 * every host, and a host can be swapped without touching an editor.
 */

/** Whether the work on the sample shown is safe: the save status and tests read it. */
export type SessionSaveState = AutosaveStatus;

/** What an editor renders from. Fields keep their identity until they change, so selecting one re-renders only on a real change. */
export interface SessionView<Payload extends AnnotationPayload> {
  /** The sample open in the editor; `null` while the first one loads. */
  sample: Sample | null;
  /** Its label as it is being edited; `null` without a sample, or when the saved label is of another kind than this editor's. */
  payload: Payload | null;
  canUndo: boolean;
  canRedo: boolean;
  /** 1-based place of the sample among `count` (a queue; 1 of 1 for a single sample). */
  position: number;
  count: number;
  save: SessionSaveState;
  /** Why edits are not accepted here (say, the project is open read-only), shown to the person; `null` when they are. */
  readOnly: string | null;
  /**
   * Why the last thing the person asked of this sample failed (a submission refused, a move or
   * a copy that could not be done), in plain words, until dismissed or another sample is shown;
   * `null` when nothing did. A failed save is said by the save status instead.
   */
  problem: string | null;
  /** Media of the samples that come next, so an editor can fetch them before they are opened. */
  upcoming: readonly MediaRef[];
}

/** Enough of a sample to ask for its media. */
export interface MediaRef {
  id: number;
  sha256: string;
}

/** The session's state as a read-only store: `getState()` for commands run at key time, `subscribe` for rendering. */
export type SessionViewStore<Payload extends AnnotationPayload> = Pick<StoreApi<SessionView<Payload>>, 'getState' | 'getInitialState' | 'subscribe'>;

/**
 * One editing session of one editor, typed by the payload that editor edits. Its functions
 * are properties, not methods: editors hand them on as callbacks, detached from the session.
 * @example
 * const boxes = useSessionView(session, (v) => v.payload?.boxes ?? []);
 * session.edit((payload) => deleteBox(payload, id)); // one undo step, saved by the host
 */
export interface EditorSession<Payload extends AnnotationPayload> {
  view: SessionViewStore<Payload>;
  /** Applies a change to the present payload as one undo step; steps with the same `mergeKey` in quick succession merge. */
  edit: (change: (payload: Payload) => Payload, mergeKey?: string) => void;
  undo: () => void;
  redo: () => void;
  /** Marks the sample final (what that means is the host's: a labeler's submission, an SME's decision) and moves on. */
  submit: () => Promise<void>;
  next: () => Promise<void>;
  previous: () => Promise<void>;
  /** Saves pending edits now. */
  flush: () => Promise<void>;
  /** After a conflict (saved elsewhere meanwhile): drops the edits on screen and shows the saved version. */
  reload: () => Promise<void>;
  /** The saved label of the sample before this one, for "copy previous"; `null` when there is none (or it is of another kind). */
  previousPayload: () => Promise<Payload | null>;
  /** Shows a failure to the person (the host decides how). */
  reportError: (error: unknown) => void;
  /** The person has read `problem`: take it away. */
  dismissProblem: () => void;
  /** Tells the person something worth knowing that is not a failure. */
  inform: (message: string) => void;
}

/**
 * A slice of the session's view, re-rendering when that slice changes.
 * @example const position = useSessionView(session, (v) => v.position);
 */
export function useSessionView<Payload extends AnnotationPayload, Slice>(
  session: EditorSession<Payload>,
  select: (view: SessionView<Payload>) => Slice,
): Slice {
  return useStore(session.view, select);
}

/** Narrows any annotation payload to the one an editor edits. */
export type PayloadGuard<Payload extends AnnotationPayload> = (payload: AnnotationPayload) => payload is Payload;

/** The payload type of a kind of annotation. */
export type PayloadOf<Kind extends AnnotationPayload['kind']> = Extract<AnnotationPayload, { kind: Kind }>;

/**
 * The guard for one kind of annotation payload.
 * @example payloadGuard('bbox')(emptyPayload('transcript')) // false
 */
export function payloadGuard<Kind extends AnnotationPayload['kind']>(kind: Kind): PayloadGuard<PayloadOf<Kind>> {
  return (payload): payload is PayloadOf<Kind> => payload.kind === kind;
}

/** How a host shows the person what an editor reports. */
export interface SessionNotices {
  reportError: (error: unknown) => void;
  inform: (message: string) => void;
}

/**
 * What a screen gives the editor registry: a way to open a session for whichever payload type
 * the project's editor edits. Each host (label screen, gold editor, benchmark) has one adapter.
 */
export interface SessionHost {
  open<Payload extends AnnotationPayload>(isPayload: PayloadGuard<Payload>): EditorSession<Payload>;
}
