/** `http://` or `https://`, a host, then anything; the scheme in any letter case. */
const WEB_URL = /^https?:\/\/([^/?#]+)/i;

/**
 * The address a link may open outside the app, or null. Only web pages (http and https)
 * pass: `file:`, `javascript:`, `smb:` and custom schemes would hand the operating system
 * something other than a page to show. Also refused: addresses with a user name
 * (`https://bank.example@evil.example/` reads as the bank but goes elsewhere), and control
 * characters, spaces or backslashes, which parsers disagree about. The same rule is used
 * by the renderer (before asking the user) and by Electron's main process (before
 * `shell.openExternal`).
 *
 * @example externalWebUrl(' https://example.org/rules ') // 'https://example.org/rules'
 * @example externalWebUrl('file:///etc/passwd') // null
 */
export function externalWebUrl(href: string): string | null {
  const url = href.trim();
  if (/[\s\\]/.test(url) || [...url].some(isControlCharacter)) return null;
  const host = WEB_URL.exec(url)?.[1];
  return host === undefined || host.includes('@') ? null : url;
}

function isControlCharacter(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}
