import { join } from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { appRootFrom } from '../app-paths';
import type { ServiceHost } from '../services/hosting/host';
import { createServiceHost } from '../services/hosting/service-host';
import { forwardEvents, registerIpc } from './ipc';
import { findNativeBinding, nativeBindingPath, sqliteStartupProblem } from './native-binding';
import { registerPrivilegedSchemes, registerProtocols } from './protocols';
import { installSecurityHandlers } from './security';
import { openServerWindow } from './server-window';
import { createMainWindow, isOwnWebContents, ownWindows } from './window';

/** `out/main/index.js` when built, `electron/main/index.ts` as source: two folders below the root either way. */
const appRoot = appRootFrom(import.meta.url);
const preloadPath = join(appRoot, 'out', 'preload', 'index.cjs');
const rendererDir = join(appRoot, 'out', 'renderer');

// A second launch (double-click, file manager) focuses the running window: two
// processes writing one project database would fight over it.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerPrivilegedSchemes();
  app.enableSandbox();
  app.on('second-instance', focusMainWindow);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Concord could not start', error instanceof Error ? (error.stack ?? error.message) : String(error));
      app.exit(1);
    });
}

async function start(): Promise<void> {
  installSecurityHandlers();
  const location = { packaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot };
  const nativeBinding = findNativeBinding(location);
  const sqliteProblem = sqliteStartupProblem(nativeBinding, nativeBindingPath(location));
  if (sqliteProblem !== null) {
    dialog.showErrorBox('Concord cannot open its database engine', sqliteProblem);
    app.exit(1);
    return;
  }

  const host = createServiceHost({
    hostKind: 'electron',
    // CONCORD_DATA_DIR lets end-to-end tests run against a throwaway settings folder.
    dataDir: process.env['CONCORD_DATA_DIR'] ?? app.getPath('userData'),
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(appRoot, 'resources'),
    nativeBinding,
    pickFolder,
    openServerWindow,
    startAgreementWorkerOnOpen: true,
  });
  closeHostOnQuit(host);
  await host.openInitialProject();
  registerProtocols(host, rendererDir);
  registerIpc(host, isOwnWebContents);
  forwardEvents(host, ownWindows);
  createMainWindow(preloadPath);

  app.on('activate', () => {
    if (ownWindows().length === 0) createMainWindow(preloadPath);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

async function pickFolder(title: string): Promise<string | null> {
  const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
  const parent = BrowserWindow.getFocusedWindow();
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

function focusMainWindow(): void {
  const window = ownWindows()[0];
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
}

/** Quitting waits for the open project to close so its database is checkpointed cleanly. */
function closeHostOnQuit(host: ServiceHost): void {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    host
      .close()
      .catch((error: unknown) => console.error('[quit] closing the project failed:', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}
