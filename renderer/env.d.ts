import type { ConcordBridge } from '../shared/api/bridge';

declare global {
  interface Window {
    /** Present only under Electron (see electron/preload); the browser build talks HTTP. */
    concord?: ConcordBridge;
  }
}
