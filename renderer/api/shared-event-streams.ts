import type { EventEnvelope, EventName } from '../../shared/api/events';

/** The part of a browser `EventSource` the streams use (a fake in tests). */
export interface EventStream {
  onmessage: ((message: MessageEvent<string>) => void) | null;
  /** A (re)connection; a browser's `EventSource` reconnects by itself after an error. */
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

type Listener = (name: EventName, payload: unknown) => void;

/**
 * One event stream per address, shared by every listener of the tab. Each open `EventSource`
 * holds one of the six connections a browser allows to a host over HTTP/1.1; a screen that
 * listened once per panel reached the sixth, and from then on the tab's calls (a save, a
 * sign-in) waited forever behind the streams. The stream closes when its last listener leaves.
 * `reconnected` hears of a stream that opens again after it was lost: the host answers again.
 * @example const streams = sharedEventStreams((url) => new EventSource(url)); const stop = streams.listen('/api/events?t=1', onEvent);
 */
export function sharedEventStreams(open: (url: string) => EventStream, reconnected: () => void = () => undefined) {
  const streams = new Map<string, { stream: EventStream; listeners: Set<Listener> }>();
  return {
    listen(url: string, listener: Listener): () => void {
      let entry = streams.get(url);
      if (!entry) {
        const listeners = new Set<Listener>();
        const stream = open(url);
        stream.onmessage = (message) => {
          const event = JSON.parse(message.data) as EventEnvelope;
          for (const each of [...listeners]) each(event.name, event.payload);
        };
        let lost = false;
        stream.onerror = () => {
          lost = true;
        };
        stream.onopen = () => {
          if (lost) reconnected();
          lost = false;
        };
        entry = { stream, listeners };
        streams.set(url, entry);
      }
      // A wrapper per call, so the same function listening twice is two listeners, as with separate streams.
      const own: Listener = (name, payload) => listener(name, payload);
      entry.listeners.add(own);
      const current = entry;
      return () => {
        current.listeners.delete(own);
        if (current.listeners.size === 0 && streams.get(url) === current) {
          current.stream.close();
          streams.delete(url);
        }
      };
    },
    /** How many streams are open (for tests). */
    openCount: () => streams.size,
  };
}
