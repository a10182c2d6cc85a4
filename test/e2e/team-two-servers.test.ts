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
const passwordOf = (name: string) => `${name} has a long password`;

/**
 * Two `concord serve` processes on one PostgreSQL database, as behind a load balancer: what
 * one of them is told reaches the windows served by the other (through LISTEN/NOTIFY), with
 * nothing kept in one process's memory alone.
 */
describe('two server processes on one database', () => {
  const tempDir = useTempDirs('suite');
  let cluster: RunningCluster | undefined;
  const servers: RunningServer[] = [];
  const browsers: Browser[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
    const database = await createDatabase(cluster.address, 'labels');
    const mediaRoot = join(tempDir(), 'media-root');
    // Each step with a settings folder of its own: only the database is shared.
    const concord = (args: string[], stdin?: string) => runConcordOrFail(args, tempDir(), stdin);
    await concord(['projects', 'create', '--database', database, '--media-root', mediaRoot, '--kind', 'bbox', '--name', 'Street', '--classes', 'car']);
    const photos = join(mediaRoot, 'photos');
    mkdirSync(photos);
    await writeImage(join(photos, 'a.png'), 'png', 320, 240, 1);
    await concord(['import', '--database', database, '--media-root', mediaRoot, photos]);
    for (const name of ['ana', 'ben']) await concord(['users', 'add', name, '--role', 'labeler', '--password-stdin', '--database', database], passwordOf(name));
    await concord(['users', 'add', 'sam', '--role', 'sme', '--password-stdin', '--database', database], passwordOf('sam'));
    // Each process with its own settings folder, as on two machines.
    for (let i = 0; i < 2; i++)
      servers.push(await startConcordServe(['--database', database, '--media-root', mediaRoot, '--listen', '127.0.0.1:0'], tempDir()));
  });

  afterAll(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
    for (const server of servers.splice(0)) await server.stop();
    cluster?.stop();
  });

  /** A person's own browser on one server's address, signed in through the sign-in screen. */
  async function personAt(server: RunningServer, name: string): Promise<Browser> {
    const browser = await openBrowser();
    browsers.push(browser);
    await browser.page.goto(server.url);
    await signInWithPassword(browser.page, name, passwordOf(name));
    return browser;
  }

  it('shows a submission made through one server on the agreement dashboard served by the other, without a reload', async () => {
    const [one, other] = servers as [RunningServer, RunningServer];
    expect(new URL(one.url).port).not.toBe(new URL(other.url).port);

    // The SME's dashboard is open on the other server before anyone submits: no pair yet.
    const sam = await personAt(other, 'sam');
    await sam.page.getByRole('link', { name: 'Agreement' }).click();
    await sam.page.getByText('No sample has been submitted by two labelers yet').waitFor();
    const pair = sam.page.getByRole('button', { name: 'ana and ben: 100.0% over 1 sample' });
    expect(await pair.count()).toBe(0);

    // Two labelers on the first server box the same car and submit.
    const [ana, ben] = await Promise.all([personAt(one, 'ana'), personAt(one, 'ben')]);
    for (const [labeler, at] of [
      [ana!, { x: 40, y: 40 }],
      [ben!, { x: 42, y: 38 }],
    ] as const) {
      await openLabelArea(labeler.page);
      const sample = await shownSample(labeler.page, 1);
      await dragImage(labeler.page, at, { x: at.x + 160, y: at.y + 120 });
      await waitForSaved(labeler.page, sample.id, 1);
      await labeler.page.keyboard.press('Enter');
      await labeler.page.locator('.queue-progress-text', { hasText: '1 of 1 submitted' }).waitFor();
    }

    // The dashboard served by the other process gains the pair, told through the database.
    await pair.waitFor();
    await sam.page.screenshot({ path: join(SCREENSHOTS, 'team-two-servers-agreement.png'), fullPage: true });
    expect(browsers.map((browser) => browser.errors)).toEqual([[], [], []]);
  });
});
