import type { CallResult } from '../../../shared/api/errors';
import type { EventEnvelope } from '../../../shared/api/events';
import type { FailureStore } from '../../db/queries/sign-in-failures';

export type HostKind = 'electron' | 'web' | 'cli';
import type { MediaAddress } from '../../../shared/api/media-url';

export type { MediaVariant } from '../../../shared/api/media-url';

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
  /** Opens a window on a team server's UI at this origin, already checked (the desktop app). */
  openServerWindow?: (origin: string) => void;
  /**
   * A team server's PostgreSQL database (a postgres:// URL): the project's records live there,
   * and its folder holds only media and caches. Without it, each project folder has its own file.
   */
  teamDatabase?: string;
  /**
   * Where failed sign-ins are counted; by default the project's own database. A team server of
   * several projects counts them in its catalogue, so switching project does not reset them.
   */
  signInFailures?: FailureStore;
  /**
   * Start a project's agreement worker as the project opens, before its first Agreement request
   * (see `AgreementTracker.startWorker`): the app and the web servers people use. Hosts that may
   * never ask for agreement (the CLI, most tests) start it only when a request needs it.
   */
  startAgreementWorkerOnOpen?: boolean;
  /** The clock sessions and sign-in throttling read (tests move it). */
  now?: () => number;
}

export interface DownloadStream {
  /** What to save it as (`<project>-v<version>-<format>.zip`). */
  fileName: string;
  zip: NodeJS.ReadableStream;
  /** Removes the export's temporary folder; call once the stream has ended or the client has gone. */
  done(): Promise<void>;
}

/**
 * Who a call comes from, as its transport knows it. Each window, tab, script or CLI run
 * has its own: the back end keeps no caller of its own.
 */
export interface Credentials {
  transport: 'ipc' | 'http' | 'cli';
  /**
   * The person who started this host on this computer: its Electron window, its CLI, or a
   * browser tab that holds the key the web host printed. May open projects and continue as
   * the project's owner account.
   */
  owner: boolean;
  /** The bearer token of the connection's session, once signed in. */
  session: string | null;
  /** The remote address (HTTP), for throttling sign-ins per address. */
  address: string | null;
}

/**
 * What a host (Electron IPC, the web server, the CLI) needs from the back end. Hosts
 * only translate transport to these calls; every rule lives behind them.
 */
export interface ServiceHost {
  /** Checks who calls and whether they may, validates `arg` against the contract, runs the handler; never throws. */
  call(name: string, arg: unknown, credentials: Credentials): Promise<CallResult<unknown>>;
  /** Pushes back-end events (import progress, project switched); returns an unsubscribe. */
  onEvent(listener: (event: EventEnvelope) => void): () => void;
  /**
   * The file behind a media address: only a sample of the open project, inside its media
   * roots, with that exact content (see resolveSampleMedia), and only for a live session's ticket.
   */
  resolveMedia(address: MediaAddress, ticket: string | null): Promise<MediaFile | null>;
  /**
   * A dataset version prepared by `datasets.download`, as a zip stream, for the account that
   * prepared it: known by these credentials or by a live session's media ticket (a browser link
   * carries no header). Null when there is none for them; each download opens once. The export
   * is made now, so a failure of it (a media file gone) throws as the call's errors do.
   */
  openDownload(token: string, credentials: Credentials, ticket: string | null): Promise<DownloadStream | null>;
  /**
   * Opens an event stream for the owner or a live session's ticket (null for neither): `send` gets
   * each event its listener may hear, `end` is called when the session ends. Returns the close.
   */
  listen(ticket: string | null, owner: boolean, send: (event: EventEnvelope) => void, end: () => void): Promise<(() => void) | null>;
  /** Reopens the most recent project; on the first start it opens nothing, so the start screen shows. */
  openInitialProject(): Promise<void>;
  close(): Promise<void>;
}
