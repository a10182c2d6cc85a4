import { createApiClient, type ClientSession, type SessionKeeper } from '../../shared/api/client';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';
import { apiBase, sessionStorageKey } from './team-server';

/** A team server's projects each keep their own (see team-server.ts). */
const SESSION_STORAGE = sessionStorageKey(window.concord ? '/' : apiBase());

/** A window's session lives as long as the tab (or window): a reload keeps it, another tab has its own. */
const tabSession: SessionKeeper = {
  load() {
    try {
      const stored = JSON.parse(sessionStorage.getItem(SESSION_STORAGE) ?? 'null') as ClientSession | null;
      return stored && typeof stored.token === 'string' && typeof stored.ticket === 'string' ? stored : null;
    } catch {
      return null;
    }
  },
  save(session) {
    if (session) sessionStorage.setItem(SESSION_STORAGE, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_STORAGE);
  },
};

/** True inside the Electron app (the preload's bridge exists), false in a browser. */
export const inDesktopApp = window.concord !== undefined;

/** The UI's only door to the back end: IPC inside Electron, HTTP in a browser. */
export const api = createApiClient(window.concord ? ipcTransport(window.concord) : httpTransport(), tabSession);
