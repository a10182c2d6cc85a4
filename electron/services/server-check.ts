import type { ServerWindow } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import { concordServerVersion, SERVER_CHECK, serverOrigin } from '../security/server-address';

/** Long enough for a server across the world, short enough that a wrong address is said soon. */
const CHECK_TIMEOUT_MS = 10_000;
/** app.info answers in well under a kilobyte; a long answer is not Concord's. */
const MAX_ANSWER_CHARS = 64 * 1024;

/**
 * Makes sure a typed address is a Concord team server before a window opens on it: the
 * address must be one (see `serverOrigin`), and the server must answer `app.info` as a
 * Concord web host does. Redirects are not followed: a server that sends the check elsewhere
 * would send the window elsewhere too. Only the origin is asked; no name or password travels.
 *
 * @example
 * await checkConcordServer('labels.example.org'); // { origin: 'https://labels.example.org', version: '1.4.0' }
 */
export async function checkConcordServer(address: string, fetchAnswer: typeof fetch = fetch): Promise<ServerWindow> {
  const parsed = serverOrigin(address);
  if (!parsed.ok) throw new ApiError('invalid_argument', parsed.reason);
  const { origin } = parsed;
  let text: string;
  try {
    const answer = await fetchAnswer(origin + SERVER_CHECK.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: SERVER_CHECK.body,
      redirect: 'error',
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    text = answer.ok ? await answer.text() : '';
  } catch (error) {
    throw new ApiError('unavailable', `No answer from ${origin}${reasonOf(error)}. Check the address, and that the server is running.`);
  }
  const version = text.length > MAX_ANSWER_CHARS ? null : concordServerVersion(parseJson(text));
  if (version === null) throw new ApiError('failed_precondition', `${origin} answered, but not as a Concord server.`);
  return { origin, version };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The network's own short reason (refused, unknown name, a certificate problem), never a page's contents. */
function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return ' within 10 seconds';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? ` (${cause.code})` : '';
}
