import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection } from '../../electron/db/connection';
import { projectPaths } from '../../electron/services/project-folder';
import { signInAsNewAccount } from './helpers/account-page';
import { loadApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { contentOf } from '../support/crafted-project';
import { REPO_ROOT } from '../support/paths';
import { seedGoldChecks, seedSubmittedWork } from '../support/seeded-work';
import { simulateBoxLabeling } from '../support/simulated-labelers';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');
const IMAGE = join(REPO_ROOT, 'resources', 'demo', 'bbox', 'images', 'coins.png');

describe('the drift panel', () => {
  const suite = useWebAppInBrowser();

  it("shows the labeler whose boxes loosened first, below their bands with peers and with gold, opens a sample behind the flag in Review, and each labeler's pace on Team", async () => {
    const app = suite.app();
    const { page } = suite.browser();
    const dir = join(suite.tempDir(), 'drift');
    await app.call('projects.create', { dir, name: 'Drift', kind: 'bbox', classes: [{ name: 'coin' }] });
    const labelerIds: number[] = [];
    for (const name of ['ana', 'ben', 'cy'])
      labelerIds.push((await app.call<{ id: number }>('labelers.create', { name, role: 'labeler', password: `${name}'s long password` })).id);
    // 160 samples boxed by all three; ana's boxes are 6% looser per side from her 101st on. Ben's boxes are also the gold labels of checks served to ana.
    const paths = projectPaths(dir);
    mkdirSync(paths.media, { recursive: true });
    copyFileSync(IMAGE, join(paths.media, 'coins.png'));
    const connection = await openConnection(paths.database);
    try {
      const media = { path: 'media/coins.png', byte_size: contentOf(IMAGE).byte_size, width: 384, height: 303 };
      const work = simulateBoxLabeling({ samples: 160, labelers: 3, driftFrom: 100, looseness: 0.06, seed: 3 });
      await seedSubmittedWork(connection.db, work, { labelerIds, media, timeSpentMs: (a) => 20_000 + a.sampleId * 1000 });
      await seedGoldChecks(
        connection.db,
        work.filter((answer) => answer.labelerId === 2),
        { smeId: null, servedTo: [labelerIds[0]!] },
      );
    } finally {
      await connection.close();
    }

    await loadApp(page, app.url);
    await signInAsNewAccount(page, app, 'sam', 'sme');
    await page.getByRole('link', { name: 'Agreement' }).click();
    const panel = page.getByTestId('drift-panel');
    await panel.waitFor();
    const curves = panel.locator('[data-labeler]');
    await expect.poll(() => curves.count()).toBe(3);
    const flags = (all: Element[]) =>
      all.map((curve) => [curve.getAttribute('data-labeler'), curve.getAttribute('data-flagged'), curve.getAttribute('data-gold-flagged')]);
    expect(await curves.evaluateAll(flags)).toEqual([
      [String(labelerIds[0]), 'true', 'true'],
      [String(labelerIds[1]), 'false', 'no checks'],
      [String(labelerIds[2]), 'false', 'no checks'],
    ]);
    const goldBehind = panel.getByRole('list', { name: 'Checks behind the gold drift flag' });
    await expect.poll(() => goldBehind.getByRole('button').first().textContent()).toMatch(/^sim-\d+\.png$/);
    const behind = panel.getByRole('list', { name: 'Samples behind the drift flag' });
    const first = behind.getByRole('button').first();
    await expect.poll(() => first.textContent()).toMatch(/^sim-\d+\.png$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'drift.png'), fullPage: true });
    // The page scrolls inside its main area: the panel itself, to see its curves.
    await panel.screenshot({ path: join(SCREENSHOTS, 'drift-panel.png') });

    const name = (await first.textContent())!;
    await first.click();
    await page.getByRole('region', { name: `Review of ${name}` }).waitFor();

    // Her worst-missed checks are named, and a name opens the sample in Review too.
    await page.getByRole('link', { name: 'Agreement' }).click();
    const worst = page.getByRole('list', { name: 'Checks ana missed most' }).getByRole('button');
    await expect.poll(() => worst.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^sim-\d+\.png$/)]));
    expect(await worst.count()).toBe(5);
    const missedName = (await worst.first().textContent())!;
    await worst.first().click();
    await page.getByRole('region', { name: `Review of ${missedName}` }).waitFor();

    // The Team screen puts each labeler's pace beside their progress: 160 samples at 21 s … 180 s, the median being sample 80's.
    await page.getByRole('link', { name: 'Team' }).click();
    const pace = page.getByRole('table', { name: 'Pace by labeler' });
    await pace.waitFor();
    await expect.poll(() => pace.locator(`tr[data-labeler="${labelerIds[0]}"] [data-testid="median-time"]`).textContent()).toBe('1:40');
    await page.screenshot({ path: join(SCREENSHOTS, 'team-pace.png'), fullPage: true });
  });
});
