import { z } from 'zod';

/** Where a team server is, as typed by a person: its origin, or why it cannot be one. */
export type ServerAddress = { ok: true; origin: string } | { ok: false; reason: string };

/** Hosts whose plain `http:` never leaves this computer, so nobody on the network can read or change it. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A team server's origin from an address a person typed or pasted. `https:` anywhere; plain
 * `http:` only on this computer (passwords would otherwise cross the network readable). Without
 * a scheme, `https://` is meant. A path, query or `#…` (as a printed address carries) is
 * dropped: the server's UI lives at its origin. Names and passwords in the address are refused.
 *
 * @example
 * serverOrigin('labels.example.org');         // { ok: true, origin: 'https://labels.example.org' }
 * serverOrigin('http://127.0.0.1:8080/#key=…'); // { ok: true, origin: 'http://127.0.0.1:8080' }
 * serverOrigin('http://labels.example.org');  // { ok: false, reason: '… https …' }
 */
export function serverOrigin(input: string): ServerAddress {
  const typed = input.trim();
  if (typed === '') return { ok: false, reason: 'Type the address of the server.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`;
  const url = URL.parse(withScheme);
  if (url === null || url.hostname === '') return { ok: false, reason: 'That is not a web address.' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'Leave the name and password out of the address; the server asks for them.' };
  if (url.protocol === 'https:') return { ok: true, origin: url.origin };
  if (url.protocol === 'http:') {
    if (LOOPBACK_HOSTS.has(url.hostname)) return { ok: true, origin: url.origin };
    return { ok: false, reason: 'A server on another computer must be reached with https://, so passwords cannot be read on the way.' };
  }
  return { ok: false, reason: 'The address must start with https:// (or http:// for a server on this computer).' };
}

/**
 * True when `url` is a page of the server at `origin` (scheme, host and port all equal, no
 * name or password in it): a server window may go there and nowhere else.
 *
 * @example
 * isWithinOrigin('https://labels.example.org/index.html', 'https://labels.example.org'); // true
 * isWithinOrigin('https://labels.example.org.evil.net/', 'https://labels.example.org'); // false
 */
export function isWithinOrigin(url: string, origin: string): boolean {
  const parsed = URL.parse(url);
  return parsed !== null && parsed.username === '' && parsed.password === '' && parsed.origin !== 'null' && parsed.origin === origin;
}

/** What a Concord web host answers to `POST /api/call/app.info` (see `AppInfo` in contract.ts). */
const appInfoAnswer = z.object({ ok: z.literal(true), value: z.object({ version: z.string(), host: z.literal('web') }) });

/** The request that tells a Concord server from any other web server: `app.info`, which anyone may call. */
export const SERVER_CHECK = { path: '/api/call/app.info', body: '{}' } as const;

/**
 * The server's version when its answer to `SERVER_CHECK` is a Concord web host's, else null.
 *
 * @example
 * concordServerVersion({ ok: true, value: { version: '1.2.0', host: 'web', capabilities: {} } }); // '1.2.0'
 */
export function concordServerVersion(answer: unknown): string | null {
  const parsed = appInfoAnswer.safeParse(answer);
  return parsed.success ? parsed.data.value.version : null;
}
