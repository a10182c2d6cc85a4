// The lists of a large generated project, a page at a time: the Review queue's first page (the
// first request loads the queue into the agreement worker, later ones read it from there), a
// filter, another order and the next page, and the Review area to its first row in headless
// Chromium. Uses the project large-project keeps (`--samples N`, 100,000 by default), or
// `--project DIR` (a copy: opening it migrates it). Run with `npm run bench -- lists [--samples N] [--project DIR]`.
import { areaShown, ensureProject } from './large-project.bench';
import { openApp } from '../test/e2e/helpers/page-api';
import { bestOfThree, loadNotedFigures, projectArg, samplesArg, timed, withWebApp, type BenchContext, type Benchmark, type Figure } from './support';

interface Page {
  items: Array<{ sampleId: number; types: Record<string, number> }>;
  total: number;
  next: { severity: number; sampleId: number } | null;
  shares: { overall: { shares: Array<{ type: string }> } };
}

async function measure({ app, browser }: BenchContext, projectDir: string, samples: number): Promise<Figure[]> {
  const size = `${samples.toLocaleString('en')} images`;
  const { figures, record, fromNow } = loadNotedFigures(size);
  const queue = (arg: object) => app.call<Page>('review.queue', arg);

  await app.call('projects.close');
  await app.call('projects.open', { dir: projectDir });
  fromNow();
  let first: Page | undefined;
  const loading = await timed(async () => (first = await queue({ limit: 100 })));
  record(
    'review.queue, first 100 rows, first request (loads the queue into the worker)',
    loading,
    300,
    `${first!.total.toLocaleString('en')} samples in the queue`,
  );
  record('review.queue, first 100 rows again (the kept queue)', await bestOfThree(() => queue({ limit: 100 })), 300);
  const commonest = first!.shares.overall.shares[0]?.type;
  if (commonest) {
    let typed: Page | undefined;
    const ms = await bestOfThree(async () => (typed = await queue({ limit: 100, filters: { type: commonest } })));
    record(`review.queue filtered to one type (${commonest})`, ms, 500, `${typed!.total.toLocaleString('en')} match`);
    const both = await bestOfThree(async () => (typed = await queue({ limit: 100, filters: { type: commonest, undecidedOnly: true } })));
    record(`review.queue filtered to one type and undecided only`, both, 500, `${typed!.total.toLocaleString('en')} match`);
    const rare = first!.shares.overall.shares.at(-1)!.type;
    const rareMs = await bestOfThree(async () => (typed = await queue({ limit: 100, filters: { type: rare } })));
    record(`review.queue filtered to the rarest type (${rare})`, rareMs, 500, `${typed!.total.toLocaleString('en')} match`);
  }
  record('review.queue, undecided only', await bestOfThree(() => queue({ limit: 100, filters: { undecidedOnly: true } })), 500);
  record('review.queue sorted by sample id', await bestOfThree(() => queue({ limit: 100, sort: 'sampleId' })), 500);
  if (first!.next) record('review.queue, the next 100 rows', await bestOfThree(() => queue({ limit: 100, after: first!.next })), 300);

  const { page } = browser;
  await openApp(page, app.url);
  await page.getByTestId('sample-card').first().waitFor({ timeout: 300_000 });
  record('the Review area to its first row', await areaShown(page, 'Review', '.review-item'), 300);
  const rendered = await page.locator('.review-item').count();
  console.log(`  rows rendered in the Review list: ${rendered} of ${first!.total.toLocaleString('en')}`);
  return figures;
}

export const benchmark: Benchmark = {
  name: 'lists',
  summary: "the Review queue's first page, filters, order and next page on a generated project",
  async run(args) {
    const samples = samplesArg(args, 100_000);
    const project = projectArg(args);
    if (project) return withWebApp((context) => measure(context, project, samples));
    const { kept, figures } = await ensureProject('bbox', samples);
    return [...figures, ...(await withWebApp((context) => measure(context, kept.projectDir, samples), kept.dataDir))];
  },
};
