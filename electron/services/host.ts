import type { CallResult } from '../../shared/api/errors';
import type { EventEnvelope } from '../../shared/api/events';

export type HostKind = 'electron' | 'web' | 'cli';
import type { MediaAddress } from '../../shared/api/media-url';

export type { MediaVariant } from '../../shared/api/media-url';

export interface MediaFile {
  /** A real path inside the project's media roots or its own caches. */
  path: string;
  /** An image or audio type Concord imports, or `application/octet-stream` for waveform peaks; never an active type. */
  mimeType: string;
}

export interface HostOptions {
  hostKind: HostKind;
  /** Where app-wide settings (the recent-projects list, the demo projects) live. */
  dataDir: string;
  /** Folder holding `resources/demo`. */
  resourcesDir: string;
  /** Path to a better-sqlite3 addon built for this runtime (Electron passes its own). */
  nativeBinding?: string;
  /** A native folder picker, where the host has one. */
  pickFolder?: (title: string) => Promise<string | null>;
}

/**
 * What a host (Electron IPC, the web server, the CLI) needs from the back end. Hosts
 * only translate transport to these calls; every rule lives behind them.
 */
export interface ServiceHost {
  /** Validates `arg` against the contract, runs the handler, never throws. */
  call(name: string, arg: unknown): Promise<CallResult<unknown>>;
  /** Pushes back-end events (import progress, project switched); returns an unsubscribe. */
  onEvent(listener: (event: EventEnvelope) => void): () => void;
  /** The file behind a media address: only a sample of the open project, inside its media roots, with that exact content (see resolveSampleMedia). */
  resolveMedia(address: MediaAddress): Promise<MediaFile | null>;
  /** Opens the most recent project, or the bbox demo when none was ever opened. */
  openInitialProject(): Promise<void>;
  close(): Promise<void>;
}
