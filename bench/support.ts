import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openBrowser, type Browser } from '../test/support/browser';
import { startWebApp, type RunningWebApp } from '../test/support/web-app';

export interface BenchContext {
  /** A scratch folder removed when the benchmark ends. */
  work: string;
  app: RunningWebApp;
  browser: Browser;
}

/**
 * Runs one benchmark against the built web host in headless Chromium, cleans up, and
 * exits 0 however slow it was (benchmarks report; they never fail on timing) or 1 when
 * it could not run.
 */
export function runBench(name: string, body: (context: BenchContext) => Promise<void>): void {
  const work = mkdtempSync(join(tmpdir(), 'concord-bench-'));
  let app: RunningWebApp | undefined;
  let browser: Browser | undefined;
  (async () => {
    app = await startWebApp(join(work, 'app-data'));
    browser = await openBrowser();
    await body({ work, app, browser });
  })()
    .then(
      () => 0,
      (error: unknown) => {
        console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        return 1;
      },
    )
    .then(async (code) => {
      await browser?.close();
      await app?.stop();
      rmSync(work, { recursive: true, force: true });
      process.exit(code);
    });
}

export async function importAndWait(app: RunningWebApp, source: string): Promise<void> {
  const { jobId } = await app.call<{ jobId: string }>('imports.start', { source });
  while ((await app.call<{ finishedAt: string | null }>('imports.get', { jobId })).finishedAt === null) await new Promise((r) => setTimeout(r, 100));
}

/** Signs the page in and opens an area of the app as the given labeler. */
export async function openAs(page: Page, app: RunningWebApp, projectDir: string, labelerId: number, area: 'label' | 'samples'): Promise<void> {
  await page.goto(app.url);
  await page.evaluate(([dir, id]) => localStorage.setItem(`concord.labeler:${dir}`, String(id)), [projectDir, labelerId] as const);
  await page.goto(new URL(`/#${area}`, app.url).href);
  await page.reload(); // the app read the labeler choice before it was set; a hash change does not reload
}
