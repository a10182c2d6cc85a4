import type { ConcordBridge } from '../../shared/api/bridge';
import { MEDIA_SCHEME } from '../../shared/api/bridge';
import type { Transport } from '../../shared/api/client';
import { mediaPath } from '../../shared/api/media-url';

/** The desktop app's way to the back end: the preload's bridge over Electron IPC. */
export function ipcTransport(bridge: ConcordBridge): Transport {
  return {
    call: (name, arg) => bridge.call(name, arg),
    subscribe: (listener) => bridge.onEvent((event) => listener(event.name, event.payload)),
    mediaUrl: (sample, variant) => `${MEDIA_SCHEME}://${mediaPath(sample, variant)}`,
  };
}
