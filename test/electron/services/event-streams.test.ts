import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import type { EventEnvelope, EventName } from '../../../shared/api/events';
import { STREAM_RECHECK_MS } from '../../../electron/services/hosting/event-streams';
import { SESSION_IDLE_MS } from '../../../electron/services/auth/sessions';
import { describeOnEngines } from '../../support/engines';
import { writeImage } from '../../support/media-fixtures';
import { importAndWait, TEST_PASSWORD, useServiceHost, type TestHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const HOUR = 60 * 60_000;

describeOnEngines('event streams', (engine) => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost(engine.name);
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A box project with a labeler and an engineer, each signed in on a tab of their own, and the host's clock. */
  async function team() {
    const clock = { now: Date.now() };
    const owner = newHost(tempDir(), { now: () => clock.now });
    await owner.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'Streams', kind: 'bbox', classes: [{ name: 'car' }] });
    const person = async (name: string, role: 'labeler' | 'engineer') => {
      const { id } = await owner.ok('labelers.create', { name, role, password: TEST_PASSWORD });
      const tab = owner.connection();
      const { mediaTicket } = await tab.ok('session.signIn', { method: 'password', name, password: TEST_PASSWORD });
      return { id, tab, ticket: mediaTicket };
    };
    return { owner, clock, ana: await person('ana', 'labeler'), eve: await person('eve', 'engineer') };
  }

  /** A stream as the web server opens one for a ticket: what it heard, and whether it was ended. */
  async function listen(host: TestHost, ticket: string) {
    const heard: EventEnvelope[] = [];
    // Who waits for an event by name: `hears` resolves once one is heard.
    const waiting: Array<{ name: EventName; resolve: () => void }> = [];
    let ended = false;
    let onEnd = () => undefined as void;
    const endedNow = new Promise<void>((resolve) => (onEnd = resolve));
    const close = await host.listen(
      ticket,
      false,
      (event) => {
        heard.push(event);
        for (const waiter of waiting.filter((w) => w.name === event.name)) waiter.resolve();
      },
      () => {
        ended = true;
        onEnd();
      },
    );
    expect(close).not.toBeNull();
    const hears = (name: EventName) =>
      heard.some((e) => e.name === name) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ name, resolve }));
    return { names: () => new Set<EventName>(heard.map((e) => e.name)), heard, hears, ended: () => ended, endedNow, close: close! };
  }

  it("hears only what the listener's role may: an import's folder reaches engineers, not labelers", async () => {
    const { owner, ana, eve } = await team();
    const [anaStream, eveStream] = [await listen(owner, ana.ticket), await listen(owner, eve.ticket)];
    const media = tempDir();
    await writeImage(join(media, 'a.png'), 'png', 16, 16, 1);
    await importAndWait(owner, media);
    // The job reads as finished a moment before its samples' event is said: both listeners hear it.
    await Promise.all([eveStream.hears('queues.changed'), anaStream.hears('queues.changed')]);

    expect(eveStream.heard.filter((e) => e.name === 'import.progress').length).toBeGreaterThan(0);
    expect(anaStream.names()).not.toContain('import.progress');
    expect(JSON.stringify(anaStream.heard)).not.toContain(media);
  });

  it('ends when its session does here: a sign-out, or the account disabled, and its ticket opens no new one', async () => {
    const { owner, ana, eve } = await team();
    const [anaStream, eveStream] = [await listen(owner, ana.ticket), await listen(owner, eve.ticket)];

    await ana.tab.ok('session.signOut', {});
    // Over by the time the sign-out answers: nothing said afterwards reaches the signed-out tab.
    expect(anaStream.ended()).toBe(true);
    expect(eveStream.ended()).toBe(false);
    await owner.ok('taxonomy.change', { action: 'add', target: 'class', name: 'bus' });
    expect(eveStream.names()).toContain('taxonomy.changed');
    expect(anaStream.names()).not.toContain('taxonomy.changed');
    expect(
      await owner.listen(
        ana.ticket,
        false,
        () => undefined,
        () => undefined,
      ),
    ).toBeNull();

    await owner.ok('labelers.update', { labelerId: eve.id, disabled: true });
    expect(eveStream.ended()).toBe(true);
    expect(
      await owner.listen(
        eve.ticket,
        false,
        () => undefined,
        () => undefined,
      ),
    ).toBeNull();
  });

  it('ends at its next check once the session ran out unused; its checks do not keep it alive', async () => {
    const { owner, clock, ana, eve } = await team();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const stream = await listen(owner, ana.ticket);

    clock.now += SESSION_IDLE_MS - HOUR;
    // Another person's sign-out has every stream check now: ana's session is still live, and the check is not her use...
    await eve.tab.ok('session.signOut', {});
    expect(stream.ended()).toBe(false);
    // ...so it ends when its idle time is up, and the stream at its next check.
    clock.now += 2 * HOUR;
    await vi.advanceTimersByTimeAsync(STREAM_RECHECK_MS);
    await stream.endedNow;
    expect(stream.ended()).toBe(true);
  });
});
