import type { EventEnvelope, EventMap, EventName } from '../../../shared/api/events';

type Listener = (event: EventEnvelope) => void;

/** Fan-out of back-end events to whichever hosts are listening. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<N extends EventName>(name: N, payload: EventMap[N]): void {
    for (const listener of this.listeners) {
      try {
        listener({ name, payload });
      } catch (error) {
        // A broken listener (a closed window, a dropped connection) must not stop the others.
        console.error('[events] listener failed:', error);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
