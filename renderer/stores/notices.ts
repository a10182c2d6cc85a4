import { create } from 'zustand';
import { ApiError } from '../../shared/api/errors';
import { useProjectStore } from './project-store';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

interface NoticeState {
  notices: Notice[];
  show(tone: Notice['tone'], text: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
/** Information fades by itself; an error stays until the user has seen it and dismissed it. */
const INFO_VISIBLE_MS = 6000;

/** Messages for the user that outlive the action that caused them (failed calls, finished jobs). */
export const useNotices = create<NoticeState>((set, get) => ({
  notices: [],
  show: (tone, text) => {
    const id = nextId++;
    set((s) => ({ notices: [...s.notices.slice(-3), { id, tone, text }] }));
    if (tone === 'info') setTimeout(() => get().dismiss(id), INFO_VISIBLE_MS);
  },
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/**
 * Reports a failed back-end call to the user; the message comes from the host's typed error.
 * A call refused because this window's session ended (expired, revoked, account disabled)
 * also takes the window back to the sign-in screen.
 */
export function reportError(error: unknown): void {
  endSessionIfRefused(error);
  useNotices.getState().show('error', error instanceof Error ? error.message : String(error));
}

/** A call refused because this window's session ended takes the window back to the sign-in screen. */
export function endSessionIfRefused(error: unknown): void {
  if (error instanceof ApiError && error.code === 'unauthenticated' && useProjectStore.getState().account) useProjectStore.getState().sessionEnded();
}
