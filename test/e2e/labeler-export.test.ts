import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('each labeler’s labels from the Datasets screen', () => {
  const suite = useWebAppInBrowser();

  it('exports every labeler’s answers as their own CVAT job', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await page.getByRole('link', { name: 'Datasets' }).click();
    const form = page.getByRole('region', { name: "Each labeler's labels" });
    await form.getByLabel('Format').selectOption({ label: 'CVAT for images 1.1 XML' });
    const outDir = join(suite.tempDir(), 'labelers-cvat');
    await form.getByLabel("New folder for the labelers' files").fill(outDir);
    await form.getByRole('button', { name: 'Export each labeler’s labels' }).click();
    const result = form.getByTestId('labeler-export-result');
    await result.waitFor();
    // The demo's three labelers (ana, ben, chen) each submitted answers.
    expect(await result.textContent()).toMatch(/^Wrote \d+ answers of 3 labelers in 3 files to /);
    expect(readdirSync(outDir).sort()).toEqual([
      expect.stringMatching(/^\d+-ana\.xml$/),
      expect.stringMatching(/^\d+-ben\.xml$/),
      expect.stringMatching(/^\d+-chen\.xml$/),
    ]);
    await form.screenshot({ path: join(SCREENSHOTS, 'labeler-export.png') });
    expect(browser.errors).toEqual([]);
  });
});
