import { BrowserWindow, type WebContents } from 'electron';
import { APP_ORIGIN } from '../../shared/api/bridge';

/** Ids of the webContents of windows this module created: the only ones IPC answers. */
const ownWebContentsIds = new Set<number>();

/** What sets one of Concord's windows apart; its size and its whole security posture are the same for all. */
export interface WindowSetUp {
  title: string;
  url: string;
  /** The IPC bridge's preload: the app's own windows only (a team server's page never sees it). */
  preload?: string;
  /** A session partition of its own, instead of the app's default session. */
  partition?: string;
  /** Logged with the error if the page fails to load, e.g. "[window] the UI failed to load:". */
  loadFailure: string;
}

/**
 * A window, shown once painted (so the user never sees an empty white frame), loading its page.
 * Every web preference is spelled out, even where it equals Electron's default, so a reviewer
 * (and electronegativity, which reads this one set of options for every window) sees the whole
 * security posture here.
 */
export function openWindow(setUp: WindowSetUp): BrowserWindow {
  const window = new BrowserWindow({
    title: setUp.title,
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: setUp.preload,
      partition: setUp.partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(setUp.url).catch((error: unknown) => console.error(setUp.loadFailure, error));
  return window;
}

/** The app window, with the IPC bridge: the only kind of window IPC answers. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = openWindow({ title: 'Concord', url: `${APP_ORIGIN}/index.html`, preload: preloadPath, loadFailure: '[window] the UI failed to load:' });
  const contentsId = window.webContents.id;
  ownWebContentsIds.add(contentsId);
  window.on('closed', () => ownWebContentsIds.delete(contentsId));
  return window;
}

export function isOwnWebContents(contents: WebContents): boolean {
  return ownWebContentsIds.has(contents.id);
}

export function ownWindows(): BrowserWindow[] {
  return BrowserWindow.getAllWindows().filter((window) => !window.isDestroyed() && ownWebContentsIds.has(window.webContents.id));
}
