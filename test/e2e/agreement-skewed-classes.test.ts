import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from './helpers/page-api';
import { useWebAppInBrowser } from '../support/e2e-suite';
import { REPO_ROOT } from '../support/paths';

const SCREENSHOTS = join(REPO_ROOT, 'test', 'e2e', 'screenshots');

describe('the agreement dashboard on a project where one class dominates', () => {
  const suite = useWebAppInBrowser();

  it("shows Gwet's AC1 and Brennan–Prediger beside kappa, saying why", async () => {
    const app = suite.app();
    const browser = suite.browser();
    const { page } = browser;
    await openApp(page, app.url);
    await page.getByLabel('Working as').selectOption({ label: 'sam (SME)' });
    await page.getByRole('link', { name: 'Agreement' }).click();
    await page.getByTestId('headline').waitFor();
    expect(await page.getByTestId('skewed-classes').count()).toBe(0); // the demo's classes are varied

    // The demo's three labelers resubmit every image with ten coins each, the same boxes; on one
    // image chen calls one coin a cup. Ten matched pairs per image and labeler pair, one class nearly
    // everywhere; chen's cup is two of them.
    let matchedPairs: number;
    {
      // As a script of the person running Concord; the labelers sign in one after another (a demo's people have no password).
      const call = (name: string, arg: unknown) => app.call(name, arg);
      const project = (await call('projects.current', {})) as { classes: Array<{ id: number; name: string }> };
      const coin = project.classes.find((c) => c.name === 'coin')!.id;
      const cup = project.classes.find((c) => c.name === 'cup')!.id;
      const labelers = (await call('labelers.list', {})) as Array<{ id: number; name: string }>;
      const samples = ((await call('samples.list', { limit: 500 })) as { items: Array<{ id: number }> }).items;
      matchedPairs = samples.length * 10 * 3;
      for (const name of ['ana', 'ben', 'chen']) {
        const labeler = labelers.find((l) => l.name === name)!;
        await call('session.signIn', { method: 'demo', labelerId: labeler.id });
        for (const [index, sample] of samples.entries()) {
          const mine = (await call('annotations.mine', { labelerId: labeler.id, sampleId: sample.id })) as { revision: number } | null;
          const boxes = Array.from({ length: 10 }, (_, i) => ({
            id: `coin${i}`,
            classId: name === 'chen' && index === 0 && i === 0 ? cup : coin,
            x1: 5 + i * 12,
            y1: 5,
            x2: 15 + i * 12,
            y2: 15,
          }));
          await call('annotations.save', {
            labelerId: labeler.id,
            sampleId: sample.id,
            status: 'submitted',
            baseRevision: mine?.revision ?? null,
            payload: { v: 1, kind: 'bbox', boxes, noObjects: false, flags: { unsure: false, comment: '', mediaBroken: false }, tags: [] },
          });
        }
      }
    }

    // The dashboard refreshes as the submissions arrive, so the note may first show a part of them:
    // wait for the figures of all the pairs.
    const note = page.getByTestId('skewed-classes');
    const sameClass = (100 * (1 - 2 / matchedPairs)).toFixed(1).replace('.', '\\.');
    await expect
      .poll(() => note.textContent())
      .toMatch(
        new RegExp(
          `^One class holds 99\\.\\d% of the matched boxes' labels, so kappa \\(-?\\d\\.\\d\\d\\) reads low even where labelers gave the same class ${sameClass}% of the time\\. ` +
            `Read beside it: Gwet's AC1 (0\\.9\\d|1\\.00) \\(95% interval \\d\\.\\d\\d–\\d\\.\\d\\d\\) and Brennan–Prediger (0\\.9\\d|1\\.00) \\(95% interval \\d\\.\\d\\d–\\d\\.\\d\\d\\)`,
        ),
      );
    await page.getByTestId('headline').screenshot({ path: join(SCREENSHOTS, 'agreement-skewed-classes.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'agreement-skewed-classes-page.png'), fullPage: true });
    expect(browser.errors).toEqual([]);
  });
});
