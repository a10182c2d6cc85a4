import type { CallResult } from './errors';
import type { EventEnvelope } from './events';

/**
 * The one object Electron's preload exposes to the renderer (`window.concord`). It
 * carries calls and events only; every rule is enforced in the main process.
 */
export interface ConcordBridge {
  /** `session`: the window's session token once signed in, else null. */
  call(name: string, arg: unknown, session: string | null): Promise<CallResult<unknown>>;
  onEvent(listener: (event: EventEnvelope) => void): () => void;
}

/** Scheme and host the Electron window loads the UI from (never `file://`). */
export const APP_ORIGIN = 'app://concord';
/** Scheme serving media of samples registered in the open project: `concord-media://sample/<id>/<variant>`. */
export const MEDIA_SCHEME = 'concord-media';
export const IPC_CALL_CHANNEL = 'concord:call';
export const IPC_EVENT_CHANNEL = 'concord:event';
