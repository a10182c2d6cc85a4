/** A labeler counts as working on a sample while the page is visible and they touched it lately. */
const IDLE_AFTER_MS = 30_000;

/**
 * Measures time actively spent on the current sample: time with the page hidden, or
 * with no input for half a minute, does not count (a labeler at lunch is not labeling).
 */
export class ActiveTime {
  private unsentMs = 0;
  private lastTick = performance.now();
  private lastInput = performance.now();
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly onInput = () => {
    this.tick();
    this.lastInput = performance.now();
  };

  constructor() {
    for (const type of ['pointerdown', 'keydown', 'wheel'] as const) window.addEventListener(type, this.onInput, { passive: true, capture: true });
    this.timer = setInterval(() => this.tick(), 1000);
  }

  /** Time gathered since the last call, handed over to be saved. */
  take(): number {
    this.tick();
    const ms = Math.round(this.unsentMs);
    this.unsentMs -= ms;
    return ms;
  }

  /** Gives back time a failed save did not record. */
  giveBack(ms: number): void {
    this.unsentMs += ms;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const type of ['pointerdown', 'keydown', 'wheel'] as const) window.removeEventListener(type, this.onInput, { capture: true });
  }

  private tick(): void {
    const now = performance.now();
    const active = document.visibilityState === 'visible' && now - this.lastInput < IDLE_AFTER_MS;
    if (active) this.unsentMs += now - this.lastTick;
    this.lastTick = now;
  }
}
