/**
 * The renderer's content security policy, sent by both hosts (the Electron `app://`
 * protocol and the web server): scripts only from the app itself, media and data only
 * from the host (`concord-media:` is Electron's media scheme; the web host serves media from
 * 'self'). `wasm-unsafe-eval` is for TensorFlow.js's WebAssembly backend.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: concord-media:",
  "media-src 'self' blob: concord-media:",
  "connect-src 'self' concord-media:",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
