import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';
import { workAs } from './helpers/account-page';
import { dragImage, listedBoxes, openLabelArea } from './helpers/bbox-page';
import { openFromQueue, savedRevision, waitForSample, waitForSaved } from './helpers/label-page';
import { openApp } from './helpers/page-api';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('the Label screen says what went wrong where it happened', () => {
  const suite = useWebAppInBrowser();

  it('a refused submission is said in the status bar only; a failed action beside the editor, dismissable, gone on the next sample', async () => {
    const app = suite.app();
    const { page } = suite.browser();
    // This window hears of no change to the classes (its event stream is cut), as in the moment
    // before the news arrives: the host's refusal is then what tells it.
    await page.route('**/api/events**', (route) => route.abort());
    await openApp(page, app.url);
    await workAs(page, 'ana (labeler)');
    await openLabelArea(page);
    const coffee = await openFromQueue(page, 'coffee.jpg');
    const boxesBefore = (await listedBoxes(page)).length;
    const revision = await savedRevision(page);

    // An admin retires "person" elsewhere; Ana's palette still offers it, and she draws a person and submits.
    const person = (await app.call<{ classes: { id: number; name: string }[] }>('projects.current')).classes.find((c) => c.name === 'person')!;
    await app.call('taxonomy.change', { action: 'retire', target: 'class', id: person.id });
    await page
      .getByRole('radiogroup', { name: 'Class' })
      .getByRole('radio', { name: /person/ })
      .click();
    await dragImage(page, { x: 20, y: 20 }, { x: 120, y: 110 });
    await expect.poll(async () => (await listedBoxes(page)).length).toBe(boxesBefore + 1);
    await page.keyboard.press('Enter');

    // Refused: the status bar says why, with Retry; the sample stays; the app's corner says nothing, and nothing says it twice.
    const statusAlert = page.locator(`.status-bar[data-sample-id="${coffee}"] [role="alert"][data-phase="error"]`);
    await statusAlert.waitFor();
    expect(await statusAlert.textContent()).toMatch(
      /^Not saved: The annotation does not fit coffee\.jpg: Box \d+’s class “person” is retired: new boxes cannot use it\. .*Retry$/,
    );
    expect(await page.locator('.notices [role="alert"]').count()).toBe(0);
    expect(await page.locator('.session-problem').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'label-refused-submit.png') });

    // Taking the box away (undo) is back to what the host holds (seen refused just above): the refusal goes.
    await page.keyboard.press('Control+z');
    await waitForSaved(page, coffee, revision!);
    expect(await statusAlert.count()).toBe(0);

    // "Copy previous" while the host cannot be reached: said beside the editor, in words, for this sample.
    await page.route('**/api/call/annotations.mine', (route) => route.abort());
    const copy = page.getByRole('button', { name: 'Copy previous' });
    await copy.click();
    const problem = page.locator(`.session-problem[data-sample-id="${coffee}"]`);
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^The Concord server is not reachable\./);
    expect(await page.locator('.notices [role="alert"]').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'label-problem-in-place.png') });
    await problem.getByRole('button', { name: 'Dismiss' }).click();
    await problem.waitFor({ state: 'detached' });

    // Said again, then the next sample is shown: it is not about that one, and goes.
    await copy.click();
    await problem.waitFor();
    await page.unroute('**/api/call/annotations.mine');
    const queue = await page.locator('.queue-item').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-sample-id'))));
    const next = queue[queue.indexOf(coffee) + 1]!;
    await page.keyboard.press(']');
    await waitForSample(page, next);
    expect(await page.locator('.session-problem').count()).toBe(0);
  });
});
