import { useEffect } from 'react';
import { create } from 'zustand';
import { ApiError } from '../../shared/api/errors';
import { plainError } from '../api/plain-error';
import { useProjectStore } from './project-store';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

interface NoticeState {
  notices: Notice[];
  /** Where the person is (project, account and screen): notices belong to it. */
  place: string | null;
  show(tone: Notice['tone'], text: string): void;
  dismiss(id: number): void;
  /** Moves to another place: what was said about the one left goes with it. */
  enter(place: string): void;
}

let nextId = 1;
/** Information fades by itself; an error stays until the user has seen it and dismissed it. */
const INFO_VISIBLE_MS = 6000;

/**
 * Messages for the user that outlive the action that caused them (failed calls, finished jobs),
 * for failures with no place of their own on screen. They stay on the screen, project and
 * profile they were said on: moving to another clears them.
 */
export const useNotices = create<NoticeState>((set, get) => ({
  notices: [],
  place: null,
  show: (tone, text) => {
    const id = nextId++;
    set((s) => ({ notices: [...s.notices.slice(-3), { id, tone, text }] }));
    if (tone === 'info') setTimeout(() => get().dismiss(id), INFO_VISIBLE_MS);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  enter: (place) => {
    if (get().place !== place) set({ place, notices: [] });
  },
}));

/** Says where the person now is (see `enter`): a screen, with the project and profile it is for. */
export function useNoticePlace(place: string | null): void {
  useEffect(() => {
    if (place !== null) useNotices.getState().enter(place);
  }, [place]);
}

/**
 * Reports a failed back-end call to the user, in plain words (see `plainError`), where no
 * place on screen says it (a form shows its own errors with `ActionError`).
 * A call refused because this window's session ended (expired, revoked, account disabled)
 * also takes the window back to the sign-in screen.
 */
export function reportError(error: unknown): void {
  endSessionIfRefused(error);
  useNotices.getState().show('error', plainError(error));
}

/** A call refused because this window's session ended takes the window back to the sign-in screen. */
export function endSessionIfRefused(error: unknown): void {
  if (error instanceof ApiError && error.code === 'unauthenticated' && useProjectStore.getState().account) useProjectStore.getState().sessionEnded();
}
