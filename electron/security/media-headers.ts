/**
 * Sent with every media response by both hosts (the web server's `/media/` and Electron's
 * `concord-media:`). The back end already allows only image and audio types; these make
 * sure the browser never second-guesses that type (`nosniff`) and that a media URL opened
 * as a page on its own gets a sandbox: no script, no same-origin access to the API.
 */
export const MEDIA_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': 'sandbox',
} as const;
