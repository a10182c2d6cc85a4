import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openBrowser, type Browser } from './browser';
import { useTempDirs } from './temp-dir';
import { startWebApp, type RunningWebApp } from './web-app';

export interface E2eSuite {
  app(): RunningWebApp;
  browser(): Browser;
  /** A folder that lives as long as the suite. */
  tempDir(): string;
}

/** One browser and one freshly started web host (with its own settings folder) per describe block. */
export function useWebAppInBrowser(): E2eSuite {
  const tempDir = useTempDirs('suite');
  let app: RunningWebApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await openBrowser();
    app = await startWebApp(tempDir());
  });
  // Each test answers for the console errors of its own steps only.
  beforeEach(() => {
    browser?.errors.splice(0);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  return { app: () => app!, browser: () => browser!, tempDir };
}
