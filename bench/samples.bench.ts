// The Samples data manager on a large generated project: the first page, the first page sorted by
// agreement (the first request loads the per-sample scores into the agreement worker; later ones
// read them from there), a later page of that order, an agreement filter, and the Samples screen
// to its first card in headless Chromium with the number of cards it rendered. Uses the project
// large-project keeps (`--samples N`, 20,000 by default). Run with `npm run bench -- samples [--samples N]`.
import { areaShown, ensureProject } from './large-project.bench';
import { openApp } from '../test/e2e/helpers/page-api';
import { samplesArg, timed, withWebApp, type BenchContext, type Benchmark, type Figure } from './support';

interface Page {
  total: number;
  items: Array<{ id: number }>;
}

async function measure({ app, browser }: BenchContext, projectDir: string, samples: number): Promise<Figure[]> {
  const size = `${samples.toLocaleString('en')} images`;
  const figures: Figure[] = [];
  const record = (what: string, value: number, aim: number, note?: string) => {
    console.log(`  ${what}: ${value.toFixed(0)} ms (${(value / aim).toFixed(2)}× the aim of ${aim} ms)${note ? `; ${note}` : ''}`);
    figures.push({ what: `${what}, ${size}`, value, unit: 'ms', aim, ...(note ? { note } : {}) });
  };
  const list = (arg: object) => app.call<Page>('samples.list', { limit: 100, ...arg });
  // The best of three: the machine is shared, and a list is read many times.
  const best = async (run: () => Promise<unknown>) => Math.min(await timed(run), await timed(run), await timed(run));
  const byAgreement = { sort: { by: 'agreement', descending: false } };

  await app.call('projects.close');
  await app.call('projects.open', { dir: projectDir });
  record('samples.list, first 100 rows', await best(() => list({})), 300);
  let first: Page | undefined;
  const loading = await timed(async () => (first = await list(byAgreement)));
  record('samples.list sorted by agreement, first request (loads the scores into the worker)', loading, 500);
  record('samples.list sorted by agreement, again', await best(() => list(byAgreement)), 500);
  record('samples.list sorted by agreement, rows 10,001–10,100', await best(() => list({ ...byAgreement, offset: Math.min(10_000, samples - 100) })), 300);
  let below: Page | undefined;
  record(
    'samples.list filtered to agreement below 50%',
    await best(async () => (below = await list({ filter: { tags: [], agreement: { below: 0.5 } } }))),
    500,
    `${below?.total.toLocaleString('en') ?? '?'} of ${first!.total.toLocaleString('en')} match`,
  );
  record('samples.agreement for 100 rows', await best(() => app.call('samples.agreement', { sampleIds: first!.items.map((s) => s.id) })), 300);

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
    const { kept, figures } = await ensureProject('bbox', samples);
    return [...figures, ...(await withWebApp((context) => measure(context, kept.projectDir, samples), kept.dataDir))];
  },
};
