import { createHash } from 'node:crypto';
import { exportFileNames } from '../../../shared/dataset/file-names';
import { assignSplits, SPLITS, type Split } from '../../../shared/dataset/splits';
import type { DatasetOptions, DatasetSummary, LabelSource } from '../../../shared/domain/dataset';
import { datasetVersion, type SerializedDatasetItem } from '../../db/queries/datasets';
import { currentGoldLabels } from '../../db/queries/gold';
import { listGuidelineVersions } from '../../db/queries/guidelines';
import { listLabelers } from '../../db/queries/labelers';
import { listClasses, listTags } from '../../db/queries/project';
import { keptScoresInRange, versionPage } from '../../db/queries/version-inputs';
import { ApiError } from '../../../shared/api/errors';
import { VersionWorker } from '../../workers/version-client';
import { weightsOf } from '../consensus';
import type { OpenProject } from '../hosting/context';
import { ItemSpool } from './item-spool';
import { itemsOfPage, VERSION_AGREEMENT_OPTIONS, type PageEvidence, type PageItems, type PendingItem, type VersionContext } from './version-page-items';

/** A version's figures, and its items serialized in sample id order (see {@link contentHashOf}). */
export type BuiltDataset = Omit<DatasetSummary, 'version' | 'createdAt' | 'contentHash'> & { items: FrozenItems };

/**
 * A version's items serialized as stored (but for their record version), read back from its
 * scratch file a page's items at a time (they are hashed as they are written, see
 * {@link contentHashing}), so no more than a page of them is held. `close()` removes the file.
 */
export interface FrozenItems {
  count: number;
  /** Consecutive items in sample id order: item i is `texts[i]`, of sample `sampleIds[i]`. */
  groups(): Generator<{ sampleIds: number[]; texts: string[] }>;
  close(): void;
}

/** Samples read at once (their rows, answers and kept agreement): the main thread never holds a large project's every answer. */
const SAMPLE_BATCH = 500;

/**
 * Pages in the version's worker at most, one being made and one waiting: the worker never waits
 * while this thread reads the next page, and the pages read but not yet made stay a few.
 */
const PAGES_IN_FLIGHT = 2;

/**
 * What a dataset version freezes, from the project as it is now: each sample's final label
 * (`finalLabel`, chosen by `itemsOfPage`), its split (`assignSplits`, stratified by the rarest
 * class present and the chosen tags), and the counts, agreement, guideline versions and labelers
 * behind them. Samples are read a page at a time, in id order, so items come in sample id order;
 * a project of more than one page has its pages' items made in a worker thread while the next
 * page is read. A page that fails there fails the whole version: nothing is written before all
 * pages are in. Each page's item texts go to a scratch file as the page comes in (see
 * {@link FrozenItems}); the caller closes `items` when done with them.
 */
export async function buildDataset(project: OpenProject, options: DatasetOptions): Promise<BuiltDataset> {
  const spool = ItemSpool.create();
  try {
    return await buildInto(spool, project, options);
  } catch (error) {
    spool.close();
    throw error;
  }
}

async function buildInto(spool: ItemSpool, project: OpenProject, options: DatasetOptions): Promise<BuiltDataset> {
  const { db } = project.connection;
  // The headline figure and the consensus weights: from the ledger's sums, without a row per sample.
  const agreement = await project.agreement.dashboard(VERSION_AGREEMENT_OPTIONS);
  const [gold, classes, labelers, guidelines, tags] = await Promise.all([
    currentGoldLabels(db),
    listClasses(db),
    listLabelers(db),
    listGuidelineVersions(db),
    listTags(db),
  ]);
  const context: VersionContext = {
    kind: project.kind,
    weights: weightsOf(agreement),
    options: { minAgreement: options.minAgreement, unresolved: options.unresolved },
    tags,
  };
  const bySource: Record<LabelSource, number> = { gold: 0, consensus: 0, single: 0, flagged: 0 };
  let excluded = 0;
  const answeredBy = new Set<number>();
  const pending: PendingItem[] = [];
  const take = (page: PageItems) => {
    spool.append(page.items.map((item) => item.json));
    for (const item of page.items) {
      // The scratch file holds it now.
      item.json = '';
      pending.push(item);
    }
    excluded += page.excluded;
    for (const source of Object.keys(bySource) as LabelSource[]) bySource[source] += page.bySource[source];
    for (const id of page.answeredBy) answeredBy.add(id);
  };

  let worker: VersionWorker | null = null;
  // Every page's items, in page order: made in the worker, or here when the worker has its pages.
  const inOrder: Promise<PageItems>[] = [];
  // Pages made and not yet taken, by their place in `inOrder`: taken in order as soon as they are in.
  const madeAt = new Map<number, PageItems>();
  let taken = 0;
  const takeReady = () => {
    for (let page = madeAt.get(taken); page; page = madeAt.get(taken)) {
      madeAt.delete(taken++);
      take(page);
    }
  };
  const add = (made: Promise<PageItems>) => {
    const at = inOrder.push(made) - 1;
    // Its failure is met when it is awaited, below; not reported as unhandled meanwhile.
    made.then((page) => madeAt.set(at, page)).catch(() => undefined);
  };
  try {
    for (let afterId = 0; ;) {
      // Answers before the kept scores: a submission in between marks its sample stale, which is then scored from these answers.
      const page = await versionPage(db, { afterId, limit: SAMPLE_BATCH });
      if (page.samples.length === 0) break;
      const range = { from: afterId, through: page.samples[page.samples.length - 1]!.id };
      afterId = range.through;
      const ids = page.samples.map((sample) => sample.id);
      const evidence: PageEvidence = { page, gold: goldOf(gold, ids), kept: await keptScoresInRange(db, range) };
      // One page is the whole project: made here, as starting a thread would cost more than it saves.
      if (!worker && page.samples.length < SAMPLE_BATCH) {
        add(Promise.resolve(itemsOfPage(evidence, context)));
        break;
      }
      worker ??= new VersionWorker(context);
      // The reads above settle without leaving this turn (SQLite answers at once): the worker's answers are let in here.
      await new Promise((resolve) => setImmediate(resolve));
      takeReady();
      if (worker.waiting >= PAGES_IN_FLIGHT) {
        // The worker has enough to do: this thread makes this page itself rather than wait, so both cores stay busy
        // whichever side has more of the work (stale scores and consensus there, reads and writes here).
        add(Promise.resolve(itemsOfPage(evidence, context)));
        continue;
      }
      add(worker.items(evidence));
    }
    for (; taken < inOrder.length; taken++) take(await inOrder[taken]!);
  } finally {
    await worker?.close();
  }

  const stratumOf = strata(pending, options.stratifyTags);
  const splits = assignSplits(
    pending.map((item) => ({ sampleId: item.sampleId, sha256: item.sha256, stratum: stratumOf(item) })),
    { ratios: options.ratios, seed: options.seed, pinnedTest: await pinnedTest(project, options.pinTestFrom) },
  );
  const names = exportFileNames(pending.map((item) => ({ id: item.sampleId, name: item.displayName })));

  const className = new Map(classes.map((c) => [c.id, c.name]));
  const perSplit = <T>(make: () => T) => Object.fromEntries(SPLITS.map((split) => [split, make()])) as Record<Split, T>;
  const counts = perSplit(() => 0);
  const classCounts = perSplit<Record<string, number>>(() => ({}));
  const tagCounts = perSplit<Record<string, number>>(() => ({}));
  const usedVersions = new Set<number>();
  // Each item's split and file name as its text ends, by its place in `pending`.
  const suffixes: string[] = [];
  for (const item of pending) {
    const split = splits.get(item.sampleId)!;
    counts[split]++;
    for (const classId of item.boxClasses ?? []) bump(classCounts[split], className.get(classId) ?? String(classId));
    for (const tag of item.tags) bump(tagCounts[split], tag);
    usedVersions.add(item.guidelineVersion);
    // Closes the spooled text as `JSON.stringify({ ...item, split, fileName })` would: the two keys come last.
    suffixes.push(`,"split":${JSON.stringify(split)},"fileName":${JSON.stringify(names.get(item.sampleId)!)}}`);
  }
  const sampleIds = pending.map((item) => item.sampleId);
  const labelerName = new Map(labelers.map((l) => [l.id, l.name]));
  return {
    kind: project.kind,
    options,
    counts,
    excluded,
    bySource,
    classes: classCounts,
    tags: tagCounts,
    agreement: { value: agreement.overall.value, low: agreement.overall.interval?.low ?? null, high: agreement.overall.interval?.high ?? null },
    guidelines: guidelines.filter((g) => usedVersions.has(g.version)).map((g) => ({ version: g.version, changelog: g.changelog })),
    labelers: [...new Set([...answeredBy].map((id) => labelerName.get(id) ?? `#${id}`))].sort(),
    items: {
      count: pending.length,
      *groups() {
        let at = 0;
        for (const texts of spool.groups()) {
          const first = at;
          at += texts.length;
          yield { sampleIds: sampleIds.slice(first, at), texts: texts.map((text, i) => text + suffixes[first + i]!) };
        }
      },
      close: () => spool.close(),
    },
  };
}

/**
 * SHA-256 over everything a version freezes, in a fixed order: its figures, then its items by
 * sample id, each as stored. The same content always gives the same hash. `items(frozen)` gives
 * each item as `insertDatasetVersion` takes it while adding it to the hash, so the items are read
 * from their scratch file once; `digest()` after the last one gives the hash.
 * @example const hashing = contentHashing(figures); await insertDatasetVersion(trx, summary, hashing.items(items), at); hashing.digest()
 */
export function contentHashing(figures: Omit<BuiltDataset, 'items'>): { items(frozen: FrozenItems): Generator<SerializedDatasetItem>; digest(): string } {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(figures));
  return {
    *items(frozen) {
      for (const { sampleIds, texts } of frozen.groups()) {
        // A page's items in one update: 100,000 updates of one item cost more than the hashing.
        hash.update(texts.join(''));
        for (let i = 0; i < sampleIds.length; i++) yield { sampleId: sampleIds[i]!, json: texts[i]! };
      }
    },
    digest: () => hash.digest('hex'),
  };
}

/**
 * Each item's stratum. Images: the rarest class in the sample (so rare classes spread evenly),
 * or `none`; plus the chosen tags the sample has.
 */
function strata(items: readonly PendingItem[], stratifyTags: readonly string[]): (item: PendingItem) => string {
  const frequency = new Map<number, number>();
  for (const item of items) for (const classId of new Set(item.boxClasses)) frequency.set(classId, (frequency.get(classId) ?? 0) + 1);
  // Sorted, so the order the tags were chosen in does not change the splits.
  const chosenTags = [...new Set(stratifyTags)].sort();
  return (item) => {
    const tagPart = chosenTags.filter((tag) => item.tags.includes(tag)).join('+');
    if (!item.boxClasses) return `all|${tagPart}`;
    const rarest = [...new Set(item.boxClasses)].sort((x, y) => frequency.get(x)! - frequency.get(y)! || x - y)[0];
    return `${rarest ?? 'none'}|${tagPart}`;
  };
}

async function pinnedTest(project: OpenProject, version: number | null): Promise<Set<number>> {
  if (version === null) return new Set();
  const earlier = await datasetVersion(project.connection.db, version);
  if (!earlier)
    throw new ApiError('not_found', `There is no dataset v${version} to keep the test split of.`, [{ path: 'pinTestFrom', message: 'unknown version' }]);
  return new Set(earlier.items.filter((item) => item.split === 'test').map((item) => item.sampleId));
}

/** The decisions among a page's samples: only those cross to the worker. */
function goldOf<T>(gold: ReadonlyMap<number, T>, sampleIds: readonly number[]): Map<number, T> {
  const found = new Map<number, T>();
  if (gold.size === 0) return found;
  for (const id of sampleIds) {
    const decided = gold.get(id);
    if (decided !== undefined) found.set(id, decided);
  }
  return found;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
