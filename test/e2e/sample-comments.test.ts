import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from '../support/browser';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { writeImage } from '../support/media-fixtures';
import { REPO_ROOT } from '../support/paths';
import { signInAsNewAccount, workAs } from './helpers/account-page';
import { openLabelArea } from './helpers/bbox-page';
import { waitForSample } from './helpers/label-page';
import { openApp, openDemoInPage } from './helpers/page-api';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('comments on a sample', () => {
  const suite = useWebAppInBrowser();
  const others: Browser[] = [];
  afterEach(async () => {
    for (const browser of others.splice(0)) await browser.close();
  });

  it('a labeler asks from the editor with the keyboard; an SME answers and resolves it in Review; the dashboard counts it', async () => {
    const app = suite.app();
    const { page: sme } = suite.browser();
    await openApp(sme, app.url); // the box demo
    await workAs(sme, 'sam (SME)');
    await sme.getByRole('link', { name: 'Agreement' }).click();
    const openQuestions = sme.getByTestId('open-questions');
    await openQuestions.locator('p.muted').waitFor();
    expect(await openQuestions.getAttribute('data-count')).toBe('0');

    // Ana, in her own browser, on the first sample of her queue.
    const labeler = await openBrowser();
    others.push(labeler);
    const ana = labeler.page;
    await openApp(ana, app.url);
    await workAs(ana, 'ana (labeler)');
    await openLabelArea(ana);
    const bar = ana.locator('.status-bar:not([data-sample-id=""])');
    await bar.waitFor();
    const sampleId = Number(await bar.getAttribute('data-sample-id'));
    const sampleName = (await bar.locator('strong').textContent())!;

    // Shift+Q puts the cursor in the question box; Ctrl+Enter posts the question (and does not submit the sample).
    await ana.keyboard.press('Shift+Q');
    await ana.locator('#new-sample-comment:focus').waitFor();
    await ana.keyboard.type('Does a toy rocket count as a rocket?');
    await ana.keyboard.press('Control+Enter');
    const anasThread = ana.getByRole('region', { name: 'Comments' }).locator('article[data-thread-id]');
    await anasThread.waitFor();
    const threadId = await anasThread.getAttribute('data-thread-id');
    expect(await anasThread.locator('.comment-body').allTextContents()).toEqual(['Does a toy rocket count as a rocket?']);
    expect(await ana.locator('#new-sample-comment').inputValue()).toBe('');
    await waitForSample(ana, sampleId); // still on the sample she asked about
    await ana.screenshot({ path: join(SCREENSHOTS, 'sample-comments-editor.png'), fullPage: true });

    // The SME's dashboard counts it at once and opens its sample in Review.
    await openQuestions.locator('[aria-label="Open questions"]').waitFor();
    expect(await openQuestions.getAttribute('data-count')).toBe('1');
    expect(await openQuestions.locator('li').allTextContents()).toEqual([expect.stringContaining('Does a toy rocket count as a rocket?')]);
    await sme.screenshot({ path: join(SCREENSHOTS, 'sample-comments-dashboard.png'), fullPage: true });
    await openQuestions.getByRole('button', { name: sampleName }).click();
    const review = sme.getByRole('region', { name: `Review of ${sampleName}` });
    const thread = review.locator(`article[data-thread-id="${threadId}"]`);
    await thread.waitFor();

    // She answers and resolves it.
    await thread.getByRole('button', { name: 'Reply' }).click();
    await thread.getByLabel('Reply to ana').fill('Yes: a toy rocket is boxed as a rocket (see Classes).');
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    await thread.locator('.comment-body', { hasText: 'a toy rocket is boxed' }).waitFor();
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await review.locator(`article[data-thread-id="${threadId}"][data-resolved="true"]`).waitFor();
    await sme.screenshot({ path: join(SCREENSHOTS, 'sample-comments-review.png'), fullPage: true });

    // Ana's open thread shows the answer and the resolution without a reload.
    const resolvedForAna = ana.locator(`article[data-thread-id="${threadId}"][data-resolved="true"]`);
    await resolvedForAna.waitFor();
    expect(await resolvedForAna.locator('.comment-meta strong').allTextContents()).toEqual(['ana', 'sam']);
    expect(await resolvedForAna.textContent()).toContain('Resolved by sam');

    // Back on the dashboard, nothing is waiting any more.
    await sme.getByRole('link', { name: 'Agreement' }).click();
    await sme.locator('[data-testid="open-questions"][data-count="0"]').waitFor();
  });

  it('the audio editor has the same thread, asked the same way', async () => {
    const app = suite.app();
    const { page } = suite.browser();
    await openDemoInPage(page, app, 'transcript');
    await workAs(page, 'ana (labeler)');
    await page.getByRole('link', { name: 'Label', exact: true }).click();
    await page.locator('[data-testid="waveform"][data-ready="true"]').waitFor();
    const sampleId = Number(await page.locator('.status-bar:not([data-sample-id=""])').getAttribute('data-sample-id'));

    await page.keyboard.press('Shift+Q');
    await page.locator('#new-sample-comment:focus').waitFor();
    await page.keyboard.type('Is a cough transcribed?');
    await page.keyboard.press('Control+Enter');
    const thread = page.getByRole('region', { name: 'Comments' }).locator('article[data-thread-id][data-resolved="false"]');
    await thread.waitFor();
    expect(await thread.locator('.comment-body').allTextContents()).toEqual(['Is a cough transcribed?']);
    await waitForSample(page, sampleId);
    await page.screenshot({ path: join(SCREENSHOTS, 'sample-comments-audio.png'), fullPage: true });
  });

  it('a new project with nothing to compare yet still shows the SME the question a labeler asked', async () => {
    const app = suite.app();
    const { page } = suite.browser();
    const media = suite.tempDir();
    for (let i = 0; i < 2; i++) await writeImage(join(media, `street-${i}.png`), 'png', 64, 48, i + 1);
    await page.goto('about:blank'); // a page left open would go on showing the project the script closes
    await app.call('projects.create', { dir: join(suite.tempDir(), 'new-project'), name: 'Streets', kind: 'bbox', classes: [{ name: 'car' }] });
    const { jobId } = await app.call<{ jobId: string }>('imports.start', { source: media });
    await expect.poll(async () => (await app.call<{ state: string }>('imports.get', { jobId })).state).toBe('done');

    // Gus, the project's first labeler, asks about his first sample before anyone has submitted anything.
    await openApp(page, app.url);
    await signInAsNewAccount(page, app, 'gus');
    await openLabelArea(page);
    const sampleId = Number(await page.locator('.status-bar:not([data-sample-id=""])').getAttribute('data-sample-id'));
    await page.keyboard.press('Shift+Q');
    await page.locator('#new-sample-comment:focus').waitFor();
    await page.keyboard.type('Is a parked car boxed too?');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('region', { name: 'Comments' }).locator('article[data-thread-id]').waitFor();
    await waitForSample(page, sampleId);

    // The SME's Agreement screen says there is nothing to compare yet, and counts his question.
    await signInAsNewAccount(page, app, 'sam', 'sme');
    await page.getByRole('link', { name: 'Agreement' }).click();
    await page.getByTestId('nothing-to-compare').waitFor();
    const openQuestions = page.locator('[data-testid="open-questions"][data-count="1"]');
    await openQuestions.waitFor();
    expect(await openQuestions.locator('li').allTextContents()).toEqual([expect.stringContaining('Is a parked car boxed too?')]);
    await page.screenshot({ path: join(SCREENSHOTS, 'sample-comments-new-project.png'), fullPage: true });
  });
});
