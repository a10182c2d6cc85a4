import { app, BrowserWindow, dialog, session, shell, type MessageBoxOptions, type WebContents } from 'electron';
import { APP_ORIGIN } from '../../shared/api/bridge';
import { externalWebUrl } from '../../shared/api/external-url';
import { isWithinOrigin } from '../security/server-address';
import { serverOriginOf } from './server-window';

const APP = new URL(APP_ORIGIN);

/**
 * True for the app's own pages (`app://concord/...`). Compared part by part rather than
 * by prefix so `app://concord.evil/` or `app://concord@evil/` do not pass.
 */
export function isAppUrl(url: string): boolean {
  const parsed = URL.parse(url);
  return parsed !== null && parsed.protocol === APP.protocol && parsed.host === APP.host && parsed.username === '' && parsed.password === '';
}

/** Links the user may follow out of the app: web pages only, never `file:` or custom schemes (see `externalWebUrl`). */
export function isExternalWebUrl(url: string): boolean {
  return externalWebUrl(url) !== null;
}

/**
 * App-wide hardening from Electron's security checklist: the UI can never leave
 * `app://concord/` (a server window, its server's origin), open windows, embed webviews or be
 * granted a browser permission.
 * Call once the app is ready (the default session exists only then), before any window.
 */
export function installSecurityHandlers(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function hardenWebContents(contents: WebContents): void {
  // Asked at each navigation: a server window registers its origin after its webContents exists.
  const mayGo = (url: string) => {
    const serverOrigin = serverOriginOf(contents.id);
    return serverOrigin === undefined ? isAppUrl(url) : isWithinOrigin(url, serverOrigin);
  };
  contents.on('will-navigate', (event) => {
    if (!mayGo(event.url)) {
      event.preventDefault();
      console.warn(`[security] blocked navigation to ${event.url}`);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!mayGo(event.url)) {
      event.preventDefault();
      console.warn(`[security] blocked redirect to ${event.url}`);
    }
  });
  // Links (a guideline's, a dataset's source page) open in the user's browser, and only
  // after the user agreed to that address here, in the main process: a page that calls
  // window.open cannot skip the question. The app never gets a second, unhardened window.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      openAfterConfirming(contents, url.trim()).catch((error: unknown) => console.warn(`[security] could not open ${url}:`, error));
    } else {
      console.warn(`[security] blocked window.open of ${url}`);
    }
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Asks, naming the whole address, before handing a web link to the system browser. */
async function openAfterConfirming(contents: WebContents, url: string): Promise<void> {
  const question: MessageBoxOptions = {
    type: 'question',
    message: 'Open this address in your browser?',
    detail: url,
    buttons: ['Cancel', 'Open in browser'],
    defaultId: 0,
    cancelId: 0,
  };
  const window = BrowserWindow.fromWebContents(contents);
  const { response } = window ? await dialog.showMessageBox(window, question) : await dialog.showMessageBox(question);
  if (response === 1) await shell.openExternal(url);
}
