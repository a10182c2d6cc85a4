import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from '../support/browser';
import { REPO_ROOT } from '../support/paths';
import { createDatabase, startCluster, type RunningCluster } from '../support/postgres-cluster';
import { runConcordOrFail, startConcordServe, type RunningServer } from '../support/team-server';
import { useTempDirs } from '../support/temp-dir';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const passwordOf = (name: string) => `${name} has a long password`;

/**
 * One team server holding two projects, set up from a shell; each person connects from the
 * server's address and sees only the projects they belong to.
 */
describe('a team server with two projects', () => {
  const tempDir = useTempDirs('suite');
  let cluster: RunningCluster | undefined;
  let server: RunningServer | undefined;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
    const database = await createDatabase(cluster.address, 'labels');
    const dataDir = tempDir();
    const mediaRoot = join(tempDir(), 'media-root');
    const concord = (args: string[], stdin?: string) => runConcordOrFail([...args, '--database', database], dataDir, stdin);
    await concord(['projects', 'create', '--project', 'street', '--media-root', mediaRoot, '--kind', 'bbox', '--name', 'Street', '--classes', 'car']);
    await concord(['projects', 'create', '--project', 'calls', '--media-root', mediaRoot, '--kind', 'transcript', '--name', 'Calls']);
    await concord(['users', 'add', 'ana', '--project', 'street', '--role', 'labeler', '--password-stdin'], passwordOf('ana'));
    await concord(['users', 'add', 'bo', '--project', 'calls', '--role', 'sme', '--password-stdin'], passwordOf('bo'));
    server = await startConcordServe(['--database', database, '--media-root', mediaRoot, '--listen', '127.0.0.1:0'], dataDir);
  });

  afterAll(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
    await server?.stop();
    cluster?.stop();
  });

  /** Types into the connect form with the keyboard, as a person does, and submits it with Enter. */
  async function connect(browser: Browser, name: string, password: string): Promise<void> {
    const { page } = browser;
    await page.getByLabel('Name').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(name);
    await page.getByLabel('Password').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
  }

  it('connects through the form: a wrong password is said inline; then only her project is listed, and opening it signs her in to it', async () => {
    const browser = await openBrowser();
    browsers.push(browser);
    const { page } = browser;
    await page.goto(server!.url);
    await page.getByRole('heading', { name: /^Connect to / }).waitFor();

    await connect(browser, 'ana', 'not her password');
    await expect.poll(() => page.getByTestId('connect-error').textContent()).toBe('That name and password do not match an active account.');
    await page.screenshot({ path: join(SCREENSHOTS, 'team-projects-wrong-password.png'), fullPage: true });

    await connect(browser, 'ana', passwordOf('ana'));
    const list = page.getByRole('list', { name: 'Your projects' });
    await list.waitFor();
    expect(await list.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-project')))).toEqual(['street']);
    await page.screenshot({ path: join(SCREENSHOTS, 'team-projects-list.png'), fullPage: true });

    await list.getByRole('button', { name: 'Street' }).click();
    await page.getByTestId('signed-in-as').filter({ hasText: 'ana' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/p/street/');
    await page.screenshot({ path: join(SCREENSHOTS, 'team-projects-open.png'), fullPage: true });
    expect(browser.errors).toEqual([]);
  });

  it("shows a member of the other project only that one, and keeps her out of Street's address", async () => {
    const browser = await openBrowser();
    browsers.push(browser);
    const { page } = browser;
    await page.goto(server!.url);
    await connect(browser, 'bo', passwordOf('bo'));
    const list = page.getByRole('list', { name: 'Your projects' });
    await list.waitFor();
    expect(await list.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-project')))).toEqual(['calls']);

    // Typing Street's address by hand gives its sign-in screen, which her account does not open.
    await page.goto(new URL('/p/street/', server!.url).toString());
    await page.getByRole('heading', { name: 'Sign in to Street' }).waitFor();
    await page.getByLabel('Name').fill('bo');
    await page.getByLabel('Password').fill(passwordOf('bo'));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('That name and password do not match an active account.').first().waitFor();
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
  });
});
