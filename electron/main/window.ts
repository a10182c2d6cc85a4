import { BrowserWindow, type WebContents } from 'electron';
import { APP_ORIGIN } from '../../shared/api/bridge';

/** Ids of the webContents of windows this module created: the only ones IPC answers. */
const ownWebContentsIds = new Set<number>();

/**
 * The app window. Every web preference is spelled out, even where it equals Electron's
 * default, so a reviewer (and electronegativity) sees the whole security posture here.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Concord',
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    webPreferences: {
      preload: preloadPath,
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
  const contentsId = window.webContents.id;
  ownWebContentsIds.add(contentsId);
  window.on('closed', () => ownWebContentsIds.delete(contentsId));
  // Shown only once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show());
  window.loadURL(`${APP_ORIGIN}/index.html`).catch((error: unknown) => console.error('[window] the UI failed to load:', error));
  return window;
}

export function isOwnWebContents(contents: WebContents): boolean {
  return ownWebContentsIds.has(contents.id);
}

export function ownWindows(): BrowserWindow[] {
  return BrowserWindow.getAllWindows().filter((window) => !window.isDestroyed() && ownWebContentsIds.has(window.webContents.id));
}
