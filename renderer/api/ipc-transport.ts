import type { ConcordBridge } from '../../shared/api/bridge';
import { MEDIA_SCHEME } from '../../shared/api/bridge';
import type { Transport } from '../../shared/api/client';
import { MEDIA_TICKET_PARAM, mediaPath } from '../../shared/api/media-url';

/** The desktop app's way to the back end: the preload's bridge over Electron IPC. */
export function ipcTransport(bridge: ConcordBridge): Transport {
  return {
    call: (name, arg, session) => bridge.call(name, arg, session),
    subscribe: (listener) => bridge.onEvent((event) => listener(event.name, event.payload)),
    mediaUrl: (sample, variant, ticket) =>
      `${MEDIA_SCHEME}://${mediaPath(sample, variant)}${ticket ? `?${MEDIA_TICKET_PARAM}=${encodeURIComponent(ticket)}` : ''}`,
    downloadUrl: () => null,
  };
}
