// The app loaded to its first screen (Samples, as the owner), read inside the page: from the
// navigation's start to the first sample card and the frame that paints it, with every request
// made before the card (start and end), the long animation frames and the renderer's main-thread
// CPU over the load. The browser driver's own navigation and polling are not counted: its answer
// can wait while the page's thread compiles the next area's code, after the person saw the card.
// Used by `first-screen`, and by `large-project` and `open` through {@link firstScreenStep}.
import type { Page } from 'playwright-core';

/** Watches, from the page's first script on, for the first sample card and the frame that paints it. */
function watchForFirstCard(): void {
  const seen = {} as { card?: number; painted?: number; frames: Array<{ start: number; duration: number; script: number; blocking: number }> };
  seen.frames = [];
  (window as unknown as { __firstScreen: typeof seen }).__firstScreen = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { blockingDuration: number; scripts: Array<{ duration: number }> }>) {
      seen.frames.push({
        start: entry.startTime,
        duration: entry.duration,
        script: entry.scripts.reduce((sum, s) => sum + s.duration, 0),
        blocking: entry.blockingDuration,
      });
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
  const observer = new MutationObserver(() => {
    if (seen.card !== undefined || !document.querySelector('[data-testid="sample-card"]')) return;
    seen.card = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (seen.painted = performance.now())));
  });
  // No named inner functions: the bench runs through tsx, whose name helper the page lacks.
  observer.observe(document, { childList: true, subtree: true });
}

/** One load of the app to its first card, in ms from the navigation's start. */
export interface FirstCardRound {
  card: number;
  /** After the frame that painted the card: what the figures report. */
  painted: number;
  requests: string[];
  frames: string;
  /** The renderer's main-thread task time over the load. */
  cpuMs: number;
}

const watched = new WeakSet<Page>();

/**
 * Loads the app in `page` by `navigate` (a `goto` of its address, or a reload) and times it to
 * its first sample card (see the file's head). The page must show Samples first: its owner signed
 * in, or signing in as the owner without a password.
 */
export async function firstCardRound(page: Page, navigate: () => Promise<unknown>): Promise<FirstCardRound> {
  if (!watched.has(page)) {
    await page.addInitScript(watchForFirstCard);
    watched.add(page);
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value;
  await navigate();
  await page.waitForFunction(() => (window as unknown as { __firstScreen?: { painted?: number } }).__firstScreen?.painted !== undefined, null, {
    timeout: 300_000,
  });
  // The document's own: the metrics start again with each navigation.
  const mainThreadMs = (await taskSeconds()) * 1000;
  await cdp.detach();
  return {
    cpuMs: mainThreadMs,
    ...(await page.evaluate(() => {
      const seen = (window as unknown as { __firstScreen: { card: number; painted: number; frames: Array<Record<string, number>> } }).__firstScreen;
      const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((r) => r.startTime < seen.card)
        .map((r) => `${new URL(r.name).pathname.replace('/api/call/', '').replace(/^\/assets\//, '')} ${r.startTime.toFixed(0)}–${r.responseEnd.toFixed(0)}`);
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      requests.unshift(`document 0–${nav.responseEnd.toFixed(0)}, DOMContentLoaded ${nav.domContentLoadedEventEnd.toFixed(0)}`);
      const frames = seen.frames
        .filter((f) => f.start! < seen.painted)
        .map((f) => `${f.start!.toFixed(0)}+${f.duration!.toFixed(0)} (script ${f.script!.toFixed(0)})`)
        .join(', ');
      return { card: seen.card, painted: seen.painted, requests, frames };
    })),
  };
}

/**
 * The first screen's step: the app loaded at `url` to its first sample card painted, by the page's
 * clock from the navigation's start (see the file's head). The requests before the card are
 * logged; the note says when the browser driver saw the card.
 */
export function firstScreenStep(page: Page, url: string): { run: () => Promise<number>; note: () => string } {
  let round: FirstCardRound | null = null;
  let seen = 0;
  return {
    run: async () => {
      const start = performance.now();
      round = await firstCardRound(page, () => page.goto(url));
      seen = performance.now() - start;
      console.log(`    requests before the first card: ${round.requests.join('; ')}`);
      console.log(`    long animation frames: ${round.frames || 'none'}`);
      return round.painted;
    },
    note: () =>
      round
        ? `from the navigation's start to the card painted, by the page's clock (the browser driver saw the card after ${seen.toFixed(0)} ms); renderer main-thread tasks ${round.cpuMs.toFixed(0)} ms`
        : '',
  };
}
