import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { workAs } from './helpers/account-page';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('the team area', () => {
  const suite = useWebAppInBrowser();

  it('lets an SME plan overlapping assignments and shows each labeler their share', async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);

    // A labeler is not offered the plan (it names other labelers); an engineer may look but not plan.
    await workAs(page, 'ana (labeler)');
    expect(await page.getByRole('link', { name: 'Team' }).count()).toBe(0);
    await page.getByLabel('Working as').selectOption({ label: 'eli (engineer)' });
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByText('No plan yet').waitFor();
    expect(await page.getByRole('button', { name: 'Make plan' }).isDisabled()).toBe(true);

    // The SME plans: the demo images, 2 labelers each, 2 of them to all three labelers. The demo's
    // annotations are work already started, which a plan never takes away.
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByLabel('Labelers per sample').fill('2');
    await page.getByLabel('Calibration samples (to everyone)').fill('2');
    await page.getByRole('button', { name: 'Make plan' }).click();
    const table = page.getByRole('table', { name: 'Progress by labeler' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent)));
    expect(rows.map((r) => r[0])).toEqual(['ana', 'ben', 'chen']);
    const assigned = rows.map((r) => Number(r[1]));
    const demoAnnotations = (JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'demo', 'bbox', 'demo.json'), 'utf8')) as { annotations: unknown[] })
      .annotations;
    expect(assigned.reduce((a, b) => a + b, 0)).toBe(demoAnnotations.length);
    for (const [, total, submitted, draft, todo] of rows) expect(Number(submitted) + Number(draft) + Number(todo)).toBe(Number(total));
    expect(rows.map((r) => Number(r[2]) + Number(r[3]))).toEqual(assigned); // nothing new: every sample already had two or more labelers
    await page.screenshot({ path: join(SCREENSHOTS, 'team.png') });

    // Ana's queue now holds only her share.
    await page.getByLabel('Working as').selectOption({ label: 'ana (labeler)' });
    await page.getByRole('link', { name: 'Label' }).click();
    await expect.poll(() => page.locator('.queue-item').count()).toBe(assigned[0]);
    expect(browser.errors).toEqual([]);
  });
});
