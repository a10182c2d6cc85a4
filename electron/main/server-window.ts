import { session } from 'electron';
import { openWindow } from './window';

/** The origin each server window is confined to, by its webContents id. */
const serverOrigins = new Map<number, string>();
/** Numbers the windows' partitions: every window starts signed out, with its own cookies and storage. */
let partitions = 0;

/**
 * The origin a server window's webContents may navigate within, or undefined for the app's
 * own windows (`security.ts` asks at every navigation and redirect).
 */
export function serverOriginOf(contentsId: number): string | undefined {
  return serverOrigins.get(contentsId);
}

/**
 * A window on a team server's UI, at an origin `checkConcordServer` has already checked. It
 * has the app window's set-up (`openWindow`) but no preload (the server's page never sees the IPC
 * bridge), its own in-memory session (so two windows can be two people, and nothing stays
 * after it closes) where every permission request is refused, and it may navigate only
 * within that origin (see `serverOriginOf`).
 */
export function openServerWindow(origin: string): void {
  const partition = `concord-server-${++partitions}`;
  const windowSession = session.fromPartition(partition, { cache: false });
  windowSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  windowSession.setPermissionCheckHandler(() => false);
  const window = openWindow({
    title: `Concord — ${new URL(origin).host}`,
    url: `${origin}/`,
    partition,
    loadFailure: `[server window] ${origin} failed to load:`,
  });
  const contentsId = window.webContents.id;
  serverOrigins.set(contentsId, origin);
  window.on('closed', () => serverOrigins.delete(contentsId));
}
