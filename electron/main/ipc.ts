import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/api/bridge';
import type { CallResult } from '../../shared/api/errors';
import type { ServiceHost } from '../services/hosting/host';
import { isAppUrl } from './security';

const FORBIDDEN: CallResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Calls are accepted only from the Concord window itself.' },
};

/**
 * The renderer's one door into the back end. The host checks the caller's session and
 * validates every argument against the contract; this layer only checks which frame is knocking.
 */
export function registerIpc(host: ServiceHost, isOwnWebContents: (contents: WebContents) => boolean): void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, name: unknown, arg: unknown, session: unknown): Promise<CallResult<unknown>> | CallResult<unknown> => {
    if (!isTrustedSender(event, isOwnWebContents)) {
      console.warn(`[ipc] refused ${String(name)} from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return FORBIDDEN;
    }
    if (typeof name !== 'string') return { ok: false, error: { code: 'unknown_operation', message: 'An operation name must be a string.' } };
    // Each window signs in on its own; the window itself is the app the person at this computer started.
    return host.call(name, arg, { transport: 'ipc', owner: true, session: typeof session === 'string' ? session : null, address: null });
  });
}

/**
 * Only the top frame of a window we created, showing our own UI, may call. A frame that
 * navigated away (or an injected iframe) is refused even inside our window.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, isOwnWebContents: (contents: WebContents) => boolean): boolean {
  const frame = event.senderFrame;
  if (frame === null || !isAppUrl(frame.url) || frame.parent !== null) return false;
  return isOwnWebContents(event.sender) && frame.frameTreeNodeId === event.sender.mainFrame.frameTreeNodeId;
}

/** Pushes every back-end event to every app window; returns the unsubscribe. */
export function forwardEvents(host: ServiceHost, windows: () => { webContents: WebContents }[]): () => void {
  return host.onEvent((envelope) => {
    for (const window of windows()) window.webContents.send(IPC_EVENT_CHANNEL, envelope);
  });
}
