import { ApiError, type CallResult } from './errors';
import type { EventMap, EventName } from './events';
import type { MediaVariant } from './media-url';
import type { OperationArg, OperationName, OperationResult } from './contract';

/** How a renderer reaches a host: IPC under Electron, HTTP in a browser. */
export interface Transport {
  call(name: OperationName, arg: unknown): Promise<CallResult<unknown>>;
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
  /** URL the renderer can put in `<img src>` or `<audio src>` for a sample's media. */
  mediaUrl(sample: { id: number; sha256: string }, variant: MediaVariant): string;
}

/** The argument may be left out when the operation takes none, or only optional fields. */
type ArgTuple<A> = undefined extends A ? [arg?: A] : Partial<A> extends A ? [arg?: A] : [arg: A];

/**
 * A typed client over any transport: `await api.call('projects.open', { dir })`.
 * Errors from the host come back as thrown `ApiError`s with the host's code and message.
 */
export function createApiClient(transport: Transport) {
  return {
    async call<N extends OperationName>(name: N, ...args: ArgTuple<OperationArg<N>>): Promise<OperationResult<N>> {
      const result = await transport.call(name, args[0] ?? {});
      if (!result.ok) throw ApiError.fromBody(result.error);
      return result.value as OperationResult<N>;
    },
    on<N extends EventName>(name: N, listener: (payload: EventMap[N]) => void): () => void {
      return transport.subscribe((eventName, payload) => {
        if (eventName === name) listener(payload as EventMap[N]);
      });
    },
    mediaUrl: transport.mediaUrl,
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
