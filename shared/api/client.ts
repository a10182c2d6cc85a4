import { ApiError, type CallResult } from './errors';
import type { EventMap, EventName } from './events';
import type { MediaVariant } from './media-url';
import type { OperationArg, OperationName, OperationResult } from './contract';

/** How a renderer reaches a host: IPC under Electron, HTTP in a browser. */
export interface Transport {
  /** `session`: this window's session token once signed in. */
  call(name: OperationName, arg: unknown, session: string | null): Promise<CallResult<unknown>>;
  /** `ticket`: the session's media ticket, which event streams and media requests carry. */
  subscribe(listener: (name: EventName, payload: unknown) => void, ticket: string | null): () => void;
  /** URL the renderer can put in `<img src>` or `<audio src>` for a sample's media. */
  mediaUrl(sample: { id: number; sha256: string }, variant: MediaVariant, ticket: string | null): string;
  /**
   * The address a browser fetches a prepared download from (`path` as the host answered it,
   * e.g. `/api/downloads/…`), carrying the ticket a link cannot send as a header; null where
   * there is no browser to save a file (the desktop app exports to a folder instead).
   */
  downloadUrl(path: string, ticket: string | null): string | null;
}

/** What a window holds of its session: the token for calls, the ticket for media and events. */
export interface ClientSession {
  token: string;
  ticket: string;
}

/** Where a window keeps its session (per tab, across reloads, in the browser). */
export interface SessionKeeper {
  load(): ClientSession | null;
  save(session: ClientSession | null): void;
}

/** The argument may be left out when the operation takes none, or only optional fields. */
type ArgTuple<A> = undefined extends A ? [arg?: A] : Partial<A> extends A ? [arg?: A] : [arg: A];

/**
 * A typed client over any transport: `await api.call('projects.open', { dir })`. It holds
 * the window's session and sends it with every call, so each window is its own caller.
 * Errors from the host come back as thrown `ApiError`s with the host's code and message.
 */
export function createApiClient(transport: Transport, keeper: SessionKeeper) {
  let session = keeper.load();
  return {
    async call<N extends OperationName>(name: N, ...args: ArgTuple<OperationArg<N>>): Promise<OperationResult<N>> {
      const sentWith = session;
      const result = await transport.call(name, args[0] ?? {}, sentWith?.token ?? null);
      if (!result.ok) {
        // A refusal of the session this window held when asking says nothing about the one it
        // holds now (someone else signed in meanwhile): it must not end that one.
        if (result.error.code === 'unauthenticated' && session !== sentWith)
          throw new ApiError('failed_precondition', 'This was asked by the person signed in before in this window; nothing was done.');
        throw ApiError.fromBody(result.error);
      }
      return result.value as OperationResult<N>;
    },
    on<N extends EventName>(name: N, listener: (payload: EventMap[N]) => void): () => void {
      return transport.subscribe((eventName, payload) => {
        if (eventName === name) listener(payload as EventMap[N]);
      }, session?.ticket ?? null);
    },
    mediaUrl: (sample: { id: number; sha256: string }, variant: MediaVariant) => transport.mediaUrl(sample, variant, session?.ticket ?? null),
    downloadUrl: (path: string) => transport.downloadUrl(path, session?.ticket ?? null),
    /** Whether this window holds a session (it may have ended on the host meanwhile). */
    hasSession: () => session !== null,
    /** Keeps (or forgets) the session this window signed in with. */
    setSession(next: ClientSession | null): void {
      session = next;
      keeper.save(next);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
