/**
 * How an HTTP client says who it is (the local web host today, the team server next): the
 * owner key from the address `npm run web` prints, and a session's bearer token once signed in.
 */

/** The header a tab or script sends the owner key in; the printed address carries it after `#key=`. */
export const OWNER_KEY_HEADER = 'x-concord-key';
/** The same key in the event stream's query (an EventSource cannot send headers). */
export const OWNER_KEY_PARAM = 'key';
