// The Samples data manager on a large generated project: the first page, the first page sorted by
// agreement after opening (the scores are kept in the project's database; the first request scores
// only the samples marked stale), a later page of that order, agreement filters, and the Samples
// screen to its first card in headless Chromium with the number of cards it rendered. Each figure
// is printed with the load average before and after it (the machine is shared). Uses the project
// large-project keeps (`--samples N`, 20,000 by default), or `--project DIR` (a copy: opening it
// migrates it). Run with `npm run bench -- samples [--samples N] [--project DIR]`.
import { areaShown, ensureProject } from './large-project.bench';
import { openApp } from '../test/e2e/helpers/page-api';
import { bestOfThree, loadNotedFigures, projectArg, samplesArg, timed, withWebApp, type BenchContext, type Benchmark, type Figure } from './support';

interface Page {
  total: number;
  items: Array<{ id: number }>;
}

async function measure({ app, browser }: BenchContext, projectDir: string, samples: number): Promise<Figure[]> {
  const size = `${samples.toLocaleString('en')} images`;
  const { figures, record, fromNow } = loadNotedFigures(size);
  const list = (arg: object) => app.call<Page>('samples.list', { limit: 100, ...arg });
  const byAgreement = { sort: { by: 'agreement', descending: false } };

  await app.call('projects.close');
  await app.call('projects.open', { dir: projectDir });
  fromNow();
  record('samples.list, first 100 rows', await bestOfThree(() => list({})), 300);
  let first: Page | undefined;
  // The first open of a project from before the scores were kept scores what its queue does not hold.
  const opening = await timed(async () => (first = await list(byAgreement)));
  record('samples.list sorted by agreement, first request after this opening (stale samples scored first)', opening, 300);
  await app.call('projects.close');
  await app.call('projects.open', { dir: projectDir });
  fromNow();
  record('samples.list sorted by agreement, first request after reopening', await timed(() => list(byAgreement)), 300);
  record('samples.list sorted by agreement, again', await bestOfThree(() => list(byAgreement)), 300);
  record('samples.list sorted by agreement, highest first', await bestOfThree(() => list({ sort: { by: 'agreement', descending: true } })), 300);
  record(
    'samples.list sorted by agreement, rows 10,001–10,100',
    await bestOfThree(() => list({ ...byAgreement, offset: Math.min(10_000, samples - 100) })),
    300,
  );
  const filtered = async (what: string, filter: object, sort?: object) => {
    let page: Page | undefined;
    const ms = await bestOfThree(async () => (page = await list({ filter: { tags: [], ...filter }, ...(sort ? { sort } : {}) })));
    record(what, ms, 500, `${page?.total.toLocaleString('en') ?? '?'} of ${first!.total.toLocaleString('en')} match`);
  };
  await filtered('samples.list filtered to agreement below 50%', { agreement: { below: 0.5 } });
  await filtered('samples.list filtered to agreement below 80%, sorted by agreement', { agreement: { below: 0.8 } }, byAgreement.sort);
  await filtered('samples.list filtered to 80% or more', { agreement: { atLeast: 0.8 } });
  await filtered('samples.list filtered to full agreement', { agreement: { atLeast: 1 } });
  record('samples.agreement for 100 rows', await bestOfThree(() => app.call('samples.agreement', { sampleIds: first!.items.map((s) => s.id) })), 300);

  const { page } = browser;
  await openApp(page, app.url);
  // Away and back: the grid is built afresh (a light area, so no other load shares the back end).
  await page.getByRole('link', { name: 'Guidelines', exact: true }).click();
  record('the Samples screen to its first card', await areaShown(page, 'Samples', '[data-testid="sample-card"]'), 300);
  const rendered = await page.getByTestId('sample-card').count();
  console.log(`  cards rendered in the Samples grid: ${rendered} of ${samples.toLocaleString('en')}`);
  return figures;
}

export const benchmark: Benchmark = {
  name: 'samples',
  summary: 'the Samples list: first page, sorted and filtered by agreement, and the screen, on a generated project',
  async run(args) {
    const samples = samplesArg(args, 20_000, 100);
    const project = projectArg(args);
    if (project) return withWebApp((context) => measure(context, project, samples));
    const { kept, figures } = await ensureProject('bbox', samples);
    return [...figures, ...(await withWebApp((context) => measure(context, kept.projectDir, samples), kept.dataDir))];
  },
};
