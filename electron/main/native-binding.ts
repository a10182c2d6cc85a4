import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export interface BindingLocation {
  packaged: boolean;
  /** `process.resourcesPath` of the packaged app. */
  resourcesPath: string;
  appRoot: string;
}

/**
 * Where the better-sqlite3 addon built for Electron's ABI lives. It is kept apart from
 * `node_modules/better-sqlite3/build`, which holds the Node build the CLI and tests use.
 */
export function nativeBindingPath(location: BindingLocation): string {
  return location.packaged
    ? join(location.resourcesPath, 'native', 'better_sqlite3.node')
    : join(location.appRoot, 'native', 'electron', 'better_sqlite3.node');
}

/** The Electron build of the addon, or undefined when it was never built. */
export function findNativeBinding(location: BindingLocation): string | undefined {
  const path = nativeBindingPath(location);
  return existsSync(path) ? path : undefined;
}

/**
 * Opens an in-memory database once so a missing or mismatched addon (a Node build,
 * another Electron version or CPU) is reported at startup in plain words, rather than
 * as a failed call whenever a project is first opened.
 */
export function sqliteStartupProblem(nativeBinding: string | undefined, expectedPath: string): string | null {
  try {
    new BetterSqlite3(':memory:', nativeBinding ? { nativeBinding } : {}).close();
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const found = nativeBinding
      ? `The SQLite engine at ${nativeBinding} could not be loaded.`
      : `The SQLite engine built for Electron is missing (expected at ${expectedPath}).`;
    return `${found}\n\nIn a development checkout, build it with:\n\n    npm run build:native-electron\n\n(it needs network access once). A packaged app with this problem is a broken build.\n\nDetails: ${reason}`;
  }
}
