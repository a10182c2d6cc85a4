import type { Transport } from '../../shared/api/client';
import type { CallResult } from '../../shared/api/errors';
import type { EventEnvelope } from '../../shared/api/events';
import { mediaPath } from '../../shared/api/media-url';

/**
 * The browser build's way to the back end: JSON over HTTP to the local server that served
 * this page, events over server-sent events. The session cookie set when the page was
 * opened with its token authenticates every request.
 */
const KEEPALIVE_LIMIT = 60_000;

export function httpTransport(): Transport {
  return {
    async call(name, arg) {
      let response: Response;
      const body = JSON.stringify(arg);
      try {
        response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          // A save sent as the tab closes still arrives; browsers allow this for small bodies only.
          keepalive: body.length < KEEPALIVE_LIMIT,
        });
      } catch {
        return unreachable('The Concord server is not reachable. Is `npm run web` still running?');
      }
      if (response.status === 401) return unreachable('This browser session has expired. Open the address printed by `npm run web` again.');
      if (!response.ok) return unreachable(`The Concord server answered ${response.status}.`);
      return (await response.json()) as CallResult<unknown>;
    },
    subscribe(listener) {
      const source = new EventSource('/api/events');
      source.onmessage = (message: MessageEvent<string>) => {
        const event = JSON.parse(message.data) as EventEnvelope;
        listener(event.name, event.payload);
      };
      return () => source.close();
    },
    mediaUrl: (sample, variant) => `/media/${mediaPath(sample, variant)}`,
  };
}

function unreachable(message: string): CallResult<unknown> {
  return { ok: false, error: { code: 'unauthenticated', message } };
}
