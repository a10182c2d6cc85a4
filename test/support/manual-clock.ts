import type { Clock } from '../../renderer/autosave/autosaver';

/**
 * A clock that moves only when the test says so: timers fire, in order of their due time, when
 * `advance` passes it. No real time passes in a test that uses it.
 */
export function manualClock() {
  let now = 0;
  let nextHandle = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout(run, ms) {
      const handle = nextHandle++;
      timers.set(handle, { at: now + ms, run });
      return handle;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
  };
  return {
    clock,
    /** How many timers are waiting to fire. */
    pending: () => timers.size,
    /** Moves time on by `ms`, firing every timer that falls due on the way. */
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        const [handle, timer] = due;
        timers.delete(handle);
        now = timer.at;
        timer.run();
      }
      now = until;
    },
  };
}
