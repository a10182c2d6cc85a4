import { extname, posix, resolve, sep, win32 } from 'node:path';

// Sent with `nosniff`: a file type missing here is served as octet-stream and refused.
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The type a built UI file is served with; unknown types as octet-stream (refused under nosniff). */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
}

/**
 * The file a UI path names inside `rootDir`, or null when the path tries to leave it:
 * `..` segments (also percent-encoded), absolute or drive paths, NUL bytes.
 */
export function resolveStaticPath(rootDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const relative = decoded.replace(/^\//, '');
  if (relative.includes('\0') || posix.isAbsolute(relative) || win32.isAbsolute(relative) || relative.includes(':')) return null;
  const segments = relative.split(/[/\\]/);
  if (segments.some((segment) => segment === '..')) return null;
  const root = resolve(rootDir);
  const candidate = resolve(root, ...segments);
  return candidate === root || candidate.startsWith(root + sep) ? candidate : null;
}
