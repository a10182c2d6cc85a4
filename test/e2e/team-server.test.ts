import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from '../support/browser';
import { writeImage } from '../support/media-fixtures';
import { REPO_ROOT } from '../support/paths';
import { createDatabase, startCluster, type RunningCluster } from '../support/postgres-cluster';
import { runConcordOrFail, startConcordServe, type RunningServer } from '../support/team-server';
import { useTempDirs } from '../support/temp-dir';
import { signInWithPassword } from './helpers/account-page';
import { dragImage, openLabelArea } from './helpers/bbox-page';
import { shownSample, waitForSaved } from './helpers/label-page';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const LABELERS = ['ana', 'ben', 'cy'] as const;
const passwordOf = (name: string) => `${name} has a long password`;

/**
 * A team's server as an administrator sets it up from a shell (a PostgreSQL database, the
 * project, its media and accounts, all with `concord`), then used by four people at once,
 * each in their own browser.
 */
describe('a team server on PostgreSQL', () => {
  const tempDir = useTempDirs('suite');
  let cluster: RunningCluster | undefined;
  let server: RunningServer | undefined;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
    const database = await createDatabase(cluster.address, 'labels');
    const dataDir = tempDir();
    const mediaRoot = join(tempDir(), 'media-root');
    const concord = (args: string[], stdin?: string) => runConcordOrFail(args, dataDir, stdin);
    await concord(['projects', 'create', '--database', database, '--media-root', mediaRoot, '--kind', 'bbox', '--name', 'Street', '--classes', 'car']);
    const photos = join(mediaRoot, 'photos');
    mkdirSync(photos);
    await writeImage(join(photos, 'a.png'), 'png', 320, 240, 1);
    await writeImage(join(photos, 'b.png'), 'png', 320, 240, 2);
    await concord(['import', '--database', database, '--media-root', mediaRoot, photos]);
    for (const name of LABELERS) await concord(['users', 'add', name, '--role', 'labeler', '--password-stdin', '--database', database], passwordOf(name));
    await concord(['users', 'add', 'sam', '--role', 'sme', '--password-stdin', '--database', database], passwordOf('sam'));
    server = await startConcordServe(['--database', database, '--media-root', mediaRoot, '--listen', '127.0.0.1:0'], dataDir);
  });

  afterAll(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
    await server?.stop();
    cluster?.stop();
  });

  /** A person's own browser on the server's address, signed in through the sign-in screen. */
  async function personAt(name: string): Promise<Browser> {
    const browser = await openBrowser();
    browsers.push(browser);
    await browser.page.goto(server!.url);
    await signInWithPassword(browser.page, name, passwordOf(name));
    return browser;
  }

  it('lets three labelers label the same sample at once and an SME decide it; agreement shows all three', async () => {
    const [ana, ben, cy] = await Promise.all(LABELERS.map(personAt));
    const pages = [ana!.page, ben!.page, cy!.page];
    await Promise.all(pages.map(openLabelArea));
    const first = await Promise.all(pages.map((page) => shownSample(page, 1)));
    expect(new Set(first.map((sample) => sample.id)).size).toBe(1); // the same sample in three queues
    const sample = first[0]!;

    // All three at the same time: ana and ben box the same car a few pixels apart, cy says there is none.
    await Promise.all([
      dragImage(ana!.page, { x: 40, y: 40 }, { x: 200, y: 160 }),
      dragImage(ben!.page, { x: 42, y: 38 }, { x: 202, y: 161 }),
      cy!.page.keyboard.press('Shift+N'),
    ]);
    await Promise.all([waitForSaved(ana!.page, sample.id, 1), waitForSaved(ben!.page, sample.id, 1), waitForSaved(cy!.page, sample.id, 1)]);
    await Promise.all(pages.map((page) => page.keyboard.press('Enter')));
    await Promise.all(pages.map((page) => shownSample(page, 2)));
    for (const page of pages) expect(await page.locator('.queue-progress-text').textContent()).toBe('1 of 2 submitted');

    // The SME, in a fourth browser: every pair of the three on the dashboard.
    const sam = await personAt('sam');
    await sam.page.getByRole('link', { name: 'Agreement' }).click();
    // ana and ben found the same car; cy, who saw none, agrees with neither.
    for (const pair of ['ana and ben: 100.0%', 'ana and cy: 0.0%', 'ben and cy: 0.0%']) {
      await sam.page.getByRole('button', { name: `${pair} over 1 sample` }).waitFor();
    }
    await sam.page.screenshot({ path: join(SCREENSHOTS, 'team-server-agreement.png'), fullPage: true });

    // She decides the sample in Review: ana's box.
    await sam.page.getByRole('link', { name: 'Review' }).click();
    const list = sam.page.getByRole('list', { name: 'Samples to review' });
    await list.getByRole('button', { name: new RegExp(sample.name.replace('.', '\\.')) }).click();
    await sam.page.getByRole('region', { name: `Review of ${sample.name}` }).waitFor();
    await sam.page.getByRole('button', { name: 'Accept ana' }).click();
    await expect.poll(() => sam.page.getByTestId('current-decision').textContent()).toBe('Decision 1: accepted a labeler (ana)');
    await sam.page.screenshot({ path: join(SCREENSHOTS, 'team-server-review.png'), fullPage: true });
    expect(browsers.map((browser) => browser.errors)).toEqual([[], [], [], []]);
  });
});
