import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { workAs } from './helpers/account-page';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('errors on screen', () => {
  const suite = useWebAppInBrowser();

  it('are said in plain words where they happened, can be dismissed, and never follow to another page or profile', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await workAs(page, 'eli (engineer)');
    const alerts = page.getByRole('alert');

    // An import with a relative path: said in the import panel, naming the field as the form does, without the API's words.
    await page.getByRole('link', { name: 'Samples' }).click();
    await page
      .getByRole('button', { name: /Import/ })
      .first()
      .click();
    await page.getByLabel('Folder or manifest to import').fill('photos');
    await page.getByRole('button', { name: 'Start import' }).click();
    const notice = page.locator('.import-panel').getByRole('alert');
    await notice.waitFor();
    expect(await page.locator('.notices [role="alert"]').count()).toBe(0);
    expect(await notice.textContent()).toMatch(/must be a full path, like \/home\/ana\/data/);
    expect(await notice.textContent()).not.toMatch(/Invalid argument|imports\.start/);
    await page.screenshot({ path: join(SCREENSHOTS, 'errors-notice.png') });
    // Another page: the notice stays behind, and is not there on coming back.
    await page.getByRole('link', { name: 'Datasets' }).click();
    await page.getByRole('region', { name: 'New dataset version' }).waitFor();
    expect(await alerts.count()).toBe(0);

    // An export to a relative folder: said in the export form, naming its field as the form shows it.
    await page
      .getByRole('region', { name: 'New dataset version' })
      .getByRole('button', { name: /^Create v1/ })
      .click();
    const card = page.getByRole('article', { name: 'Dataset v1' });
    await card.getByLabel('New folder to write').fill('exports/v1');
    await card.getByRole('button', { name: 'Export v1' }).click();
    const exportError = card.getByRole('region', { name: 'Export' }).getByRole('alert');
    await exportError.waitFor();
    expect(await exportError.textContent()).toMatch(/^New folder to write: the output folder must be a full path/);
    expect(await exportError.textContent()).not.toMatch(/outDir|datasets\.export|Invalid argument/);
    await page.screenshot({ path: join(SCREENSHOTS, 'errors-in-place.png') });

    // Dismissed from the keyboard.
    await exportError.getByRole('button', { name: 'Dismiss' }).focus();
    await page.keyboard.press('Enter');
    await exportError.waitFor({ state: 'detached' });

    // Changing what the error was about clears it.
    await card.getByRole('button', { name: 'Export v1' }).click();
    await exportError.waitFor();
    await card.getByLabel('New folder to write').fill('exports/v1b');
    await exportError.waitFor({ state: 'detached' });

    // Another profile does not inherit it, nor does the same one coming back.
    await card.getByRole('button', { name: 'Export v1' }).click();
    await exportError.waitFor();
    await workAs(page, 'sam (SME)');
    await page.getByRole('link', { name: 'Review' }).click();
    await page.getByRole('list', { name: 'Samples to review' }).waitFor();
    expect(await alerts.count()).toBe(0);
    await workAs(page, 'eli (engineer)');
    await page.getByRole('link', { name: 'Datasets' }).click();
    await page.getByRole('article', { name: 'Dataset v1' }).waitFor();
    expect(await alerts.count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
