import { describe, expect, it } from 'vitest';
import { sharedEventStreams, type EventStream } from '../../renderer/api/shared-event-streams';

/** A stand-in for `EventSource`: records what was opened and closed, and can deliver a message. */
function fakeStreams() {
  const opened: Array<EventStream & { url: string; closed: boolean; deliver(name: string, payload: unknown): void }> = [];
  const open = (url: string) => {
    const stream = {
      url,
      closed: false,
      onmessage: null as EventStream['onmessage'],
      onopen: null as EventStream['onopen'],
      onerror: null as EventStream['onerror'],
      close() {
        this.closed = true;
      },
      deliver(name: string, payload: unknown) {
        this.onmessage?.({ data: JSON.stringify({ name, payload }) } as MessageEvent<string>);
      },
    };
    opened.push(stream);
    return stream;
  };
  return { opened, open };
}

describe("a tab's event streams", () => {
  it('opens one stream for any number of listeners, so the calls of a busy screen never wait behind streams', () => {
    const { opened, open } = fakeStreams();
    const streams = sharedEventStreams(open);
    const heard: string[] = [];
    const stops = Array.from({ length: 8 }, (_, i) => streams.listen('/api/events?ticket=a', (name) => heard.push(`${i}:${name}`)));
    expect(opened).toHaveLength(1);
    opened[0]!.deliver('agreement.changed', { sampleId: 3 });
    expect(heard).toEqual(Array.from({ length: 8 }, (_, i) => `${i}:agreement.changed`));

    // The stream stays while anyone listens, and closes with the last one.
    stops.slice(1).forEach((stop) => stop());
    expect(opened[0]!.closed).toBe(false);
    stops[0]!();
    expect(opened[0]!.closed).toBe(true);
    expect(streams.openCount()).toBe(0);
  });

  it('keeps a stream per address (a new session has its own ticket), and opens a fresh one after the last closed', () => {
    const { opened, open } = fakeStreams();
    const streams = sharedEventStreams(open);
    const heard: string[] = [];
    const first = streams.listen('/api/events?ticket=a', () => heard.push('a'));
    const second = streams.listen('/api/events?ticket=b', () => heard.push('b'));
    expect(opened.map((s) => s.url)).toEqual(['/api/events?ticket=a', '/api/events?ticket=b']);
    opened[1]!.deliver('guideline.published', { version: 2 });
    expect(heard).toEqual(['b']);
    first();
    second();
    streams.listen('/api/events?ticket=a', () => heard.push('a again'));
    expect(opened).toHaveLength(3);
    expect(opened[0]!.closed).toBe(true);
    expect(opened[2]!.closed).toBe(false);
  });

  it('gives a listener that stops while an event is delivered no further events, and the others theirs', () => {
    const { opened, open } = fakeStreams();
    const streams = sharedEventStreams(open);
    const heard: string[] = [];
    const stopFirst = streams.listen('/e', () => {
      heard.push('first');
      stopFirst();
    });
    streams.listen('/e', () => heard.push('second'));
    opened[0]!.deliver('project.changed', { dir: null });
    opened[0]!.deliver('project.changed', { dir: null });
    expect(heard).toEqual(['first', 'second', 'second']);
  });

  it('tells when a stream opens again after it was lost (the host answers again), not on its first opening', () => {
    const { opened, open } = fakeStreams();
    let back = 0;
    const streams = sharedEventStreams(open, () => back++);
    streams.listen('/e', () => undefined);
    opened[0]!.onopen?.(new Event('open'));
    expect(back).toBe(0);
    opened[0]!.onerror?.(new Event('error'));
    opened[0]!.onerror?.(new Event('error')); // a browser tries again and again while the host is away
    expect(back).toBe(0);
    opened[0]!.onopen?.(new Event('open'));
    expect(back).toBe(1);
    opened[0]!.onopen?.(new Event('open'));
    expect(back).toBe(1);
  });
});
