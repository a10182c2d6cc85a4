import type { CallResult } from '../../shared/api/errors';
import type { EventEnvelope } from '../../shared/api/events';

export type HostKind = 'electron' | 'web' | 'cli';
export type MediaVariant = 'original' | 'thumbnail';

export interface MediaFile {
  path: string;
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
  /** The file behind a media URL, only for samples registered in the open project. */
  resolveMedia(sampleId: number, variant: MediaVariant): Promise<MediaFile | null>;
  /** Opens the most recent project, or the bbox demo when none was ever opened. */
  openInitialProject(): Promise<void>;
  close(): Promise<void>;
}
