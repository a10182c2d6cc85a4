// The Review area from Samples to its first row, read inside the page: from the click on "Review"
// (the event's own time, so the browser driver's delays are not counted) to the first row and the
// frame that paints it, with the requests made meanwhile (the area's code and data, in order) and
// the long animation frames. Used by `first-screen --review` after each round's first card.
import type { Page } from 'playwright-core';

export interface ReviewAreaRound {
  row: number;
  painted: number;
  requests: string[];
  frames: string;
  cpuMs: number;
}

/** Watches, from the next click on the "Review" link, for the first Review row and the frame that paints it. */
function watchForFirstRow(): void {
  const seen = { frames: [] } as { click?: number; row?: number; painted?: number; frames: Array<{ start: number; duration: number; script: number }> };
  (window as unknown as { __reviewArea: typeof seen }).__reviewArea = seen;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as Array<PerformanceEntry & { scripts: Array<{ duration: number }> }>) {
      seen.frames.push({ start: entry.startTime, duration: entry.duration, script: entry.scripts.reduce((sum, s) => sum + s.duration, 0) });
    }
  }).observe({ type: 'long-animation-frame' });
  document.addEventListener(
    'click',
    (event) => {
      if (seen.click === undefined && (event.target as Element).closest('a')?.textContent === 'Review') seen.click = event.timeStamp;
    },
    true,
  );
  const observer = new MutationObserver(() => {
    if (seen.row !== undefined || !document.querySelector('.review-item')) return;
    seen.row = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (seen.painted = performance.now())));
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Clicks "Review" on a page showing Samples and times it to the first row; then goes back to Samples. */
export async function reviewAreaRound(page: Page): Promise<ReviewAreaRound> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')!.value;
  await page.evaluate(watchForFirstRow);
  const before = await taskSeconds();
  await page.getByRole('link', { name: 'Review', exact: true }).click();
  await page.waitForFunction(() => (window as unknown as { __reviewArea: { painted?: number } }).__reviewArea.painted !== undefined, null, {
    timeout: 300_000,
  });
  const cpuMs = ((await taskSeconds()) - before) * 1000;
  await cdp.detach();
  const seen = await page.evaluate(() => {
    const area = (window as unknown as { __reviewArea: { click: number; row: number; painted: number; frames: Array<Record<string, number>> } }).__reviewArea;
    const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.startTime >= area.click && r.startTime < area.row)
      .map((r) => {
        const name = new URL(r.name).pathname.replace('/api/call/', '').replace(/^\/assets\//, '');
        return `${name} ${(r.startTime - area.click).toFixed(0)}–${(r.responseEnd - area.click).toFixed(0)}`;
      });
    const frames = area.frames
      .filter((f) => f.start! + f.duration! > area.click && f.start! < area.painted)
      .map((f) => `${(f.start! - area.click).toFixed(0)}+${f.duration!.toFixed(0)} (script ${f.script!.toFixed(0)})`)
      .join(', ');
    return { row: area.row - area.click, painted: area.painted - area.click, requests, frames };
  });
  await page.getByRole('link', { name: 'Samples', exact: true }).click();
  await page.getByTestId('sample-card').first().waitFor({ timeout: 300_000 });
  return { ...seen, cpuMs };
}
