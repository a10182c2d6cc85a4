import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where app-wide settings live when no folder is given: the same place Electron's
 * `app.getPath('userData')` uses for an app named "concord", so the desktop app, the
 * browser build and the CLI share one recent-projects list.
 */
export function defaultDataDir(): string {
  if (process.env['CONCORD_DATA_DIR']) return process.env['CONCORD_DATA_DIR'];
  if (process.platform === 'win32') return join(process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'concord');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'concord');
  return join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'concord');
}

/**
 * The repository (or unpacked app) root, seen from an entry point's `import.meta.url`.
 * Entry points sit two folders deep both as source (`electron/web/main.ts`) and built
 * (`out/main/web.js`), so the same rule finds `resources/` and `out/renderer/` from both.
 */
export function appRootFrom(entryUrl: string): string {
  return dirname(dirname(dirname(fileURLToPath(entryUrl))));
}
