import type { Transport } from '../../shared/api/client';
import type { CallResult } from '../../shared/api/errors';
import { OWNER_KEY_HEADER, OWNER_KEY_PARAM } from '../../shared/api/http-credentials';
import { MEDIA_TICKET_PARAM, mediaPath } from '../../shared/api/media-url';
import { hostAnswers } from './host-answers';
import { sharedEventStreams } from './shared-event-streams';
import { apiBase } from './team-server';

/** Requests this small still arrive when sent as the tab closes (browsers allow this for small bodies only). */
const KEEPALIVE_LIMIT = 60_000;
/** Where a tab keeps the owner key from the address `npm run web` printed (see electron/web/security.ts). */
const OWNER_KEY_STORAGE = 'concord.ownerKey';

/**
 * The owner key arrives in the address's fragment (`#key=…`), which is never sent in a
 * request. It is kept for this tab only and taken out of the address bar, so it is not
 * bookmarked, shared or shown.
 */
function takeOwnerKey(): string | null {
  // The printed address pasted into a tab that already shows Concord only changes its
  // fragment: load the page again so the key is taken as on a first visit.
  window.addEventListener('hashchange', () => {
    if (window.location.hash.startsWith('#key=')) window.location.reload();
  });
  const match = /^#key=([0-9a-f]{16,128})$/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(OWNER_KEY_STORAGE, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(OWNER_KEY_STORAGE);
}

/**
 * The browser build's way to the back end: JSON over HTTP to the local server that served
 * this page, events over server-sent events. Credentials travel in headers (never in a
 * cookie, which the browser would send to every other server on 127.0.0.1): the owner key
 * of the person who started Concord, and this tab's session once signed in.
 */
export function httpTransport(): Transport {
  const ownerKey = takeOwnerKey();
  const base = apiBase();
  const streams = sharedEventStreams((url) => new EventSource(url), hostAnswers);
  return {
    async call(name, arg, session) {
      let response: Response;
      const body = JSON.stringify(arg);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (ownerKey) headers[OWNER_KEY_HEADER] = ownerKey;
      if (session) headers['authorization'] = `Bearer ${session}`;
      try {
        response = await fetch(`${base}api/call/${encodeURIComponent(name)}`, { method: 'POST', headers, body, keepalive: body.length < KEEPALIVE_LIMIT });
      } catch {
        return unreachable('The Concord server is not reachable. Is `npm run web` still running?');
      }
      if (!response.ok) return unreachable(`The Concord server answered ${response.status}.`);
      return (await response.json()) as CallResult<unknown>;
    },
    subscribe(listener, ticket) {
      if (!ticket && !ownerKey) return () => undefined; // nobody to listen as: the sign-in screen needs no events
      const query = new URLSearchParams();
      if (ticket) query.set(MEDIA_TICKET_PARAM, ticket);
      // The owner's tab hears what only the owner may (a project closed as damaged), whoever is signed in.
      if (ownerKey) query.set(OWNER_KEY_PARAM, ownerKey);
      return streams.listen(`${base}api/events?${query}`, listener);
    },
    mediaUrl: (sample, variant, ticket) => `${base}media/${mediaPath(sample, variant)}${ticket ? `?${MEDIA_TICKET_PARAM}=${encodeURIComponent(ticket)}` : ''}`,
    // The host answers from its root; a team server's project lives under its own base.
    downloadUrl: (path, ticket) => `${base}${path.replace(/^\//, '')}${ticket ? `?${MEDIA_TICKET_PARAM}=${encodeURIComponent(ticket)}` : ''}`,
  };
}

function unreachable(message: string): CallResult<unknown> {
  return { ok: false, error: { code: 'unavailable', message } };
}
