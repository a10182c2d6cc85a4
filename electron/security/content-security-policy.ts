/**
 * The renderer's content security policy, sent by both hosts (the Electron `app://`
 * protocol and the web server): scripts only from the app itself, media and data only
 * from the host. `wasm-unsafe-eval` is for TensorFlow.js's WebAssembly backend.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
