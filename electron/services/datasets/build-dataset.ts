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
import { itemsOfPage, VERSION_AGREEMENT_OPTIONS, type PageEvidence, type PageItems, type PendingItem, type VersionContext } from './version-page-items';

/** A version's figures, and its items serialized in sample id order, a batch per text (see {@link contentHashOf}). */
export type BuiltDataset = Omit<DatasetSummary, 'version' | 'createdAt' | 'contentHash'> & { items: FrozenItems };

/**
 * Items serialized as stored (but for their record version), a batch at a time: one text is
 * what the hash reads and what each row's text is sliced from. The batches are made when they
 * are read (once for the hash, once for the rows) from the pages' texts, so only the pages' texts
 * are held whole while the version is hashed and written, not a second copy of every item.
 */
export interface FrozenItems {
  count: number;
  /** The batches in sample id order, each made as it is reached. */
  batches(): Iterable<ItemBatch>;
}

/** Consecutive items: `text` is their texts joined; item i is `text.slice(ends[i - 1] ?? 0, ends[i])`. */
export interface ItemBatch {
  sampleIds: number[];
  ends: number[];
  text: string;
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
 * pages are in.
 */
export async function buildDataset(project: OpenProject, options: DatasetOptions): Promise<BuiltDataset> {
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
  // Each page's item texts, which the batches are made from.
  const pageTexts: Pick<PageItems, 'texts' | 'ends'>[] = [];
  const take = (page: PageItems) => {
    for (const item of page.items) pending.push(item);
    pageTexts.push({ texts: page.texts, ends: page.ends });
    excluded += page.excluded;
    for (const source of Object.keys(bySource) as LabelSource[]) bySource[source] += page.bySource[source];
    for (const id of page.answeredBy) answeredBy.add(id);
  };

  let worker: VersionWorker | null = null;
  // Every page's items, in page order: made in the worker, or here when the worker has its pages.
  const inOrder: Promise<PageItems>[] = [];
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
        inOrder.push(Promise.resolve(itemsOfPage(evidence, context)));
        break;
      }
      worker ??= new VersionWorker(context);
      // The reads above settle without leaving this turn (SQLite answers at once): the worker's answers are let in here.
      await new Promise((resolve) => setImmediate(resolve));
      if (worker.waiting >= PAGES_IN_FLIGHT) {
        // The worker has enough to do: this thread makes this page itself rather than wait, so both cores stay busy
        // whichever side has more of the work (stale scores and consensus there, reads and writes here).
        inOrder.push(Promise.resolve(itemsOfPage(evidence, context)));
        continue;
      }
      const made = worker.items(evidence);
      // Its failure is met when it is awaited, below; not reported as unhandled meanwhile.
      made.catch(() => undefined);
      inOrder.push(made);
    }
    for (const made of inOrder) take(await made);
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
  for (const item of pending) {
    const split = splits.get(item.sampleId)!;
    counts[split]++;
    if (item.boxClasses) for (const classId of item.boxClasses) bump(classCounts[split], className.get(classId) ?? String(classId));
    for (const tag of item.tags) bump(tagCounts[split], tag);
    usedVersions.add(item.guidelineVersion);
  }
  // What follows each item's own text: its split's key and value, then the file name's key.
  const splitTail = Object.fromEntries(SPLITS.map((split) => [split, `,"split":${JSON.stringify(split)},"fileName":`])) as Record<Split, string>;
  // A batch per chunk of a page's texts (small: see `CHUNK_CHARS`); the hash and the rows read the items in order whatever the batches' sizes.
  function* batches(): Generator<ItemBatch> {
    let next = 0;
    for (const page of pageTexts) {
      for (let k = 0; k < page.texts.length; k++) {
        const texts = page.texts[k]!;
        const ends = page.ends[k]!;
        // Joined once from its parts: the chunk's texts (slices of it), the splits and the names.
        const parts: string[] = [];
        const batch: ItemBatch = { sampleIds: [], ends: [], text: '' };
        let end = 0;
        for (let i = 0; i < ends.length; i++) {
          const { sampleId } = pending[next++]!;
          const tail = splitTail[splits.get(sampleId)!];
          // The same text as `JSON.stringify({ ...item, split, fileName })`: the two keys come last.
          const fileName = JSON.stringify(names.get(sampleId)!);
          parts.push(texts.slice(ends[i - 1] ?? 0, ends[i]), tail, fileName, '}');
          end += ends[i]! - (ends[i - 1] ?? 0) + tail.length + fileName.length + 1;
          batch.sampleIds.push(sampleId);
          batch.ends.push(end);
        }
        batch.text = parts.join('');
        yield batch;
      }
    }
  }
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
    items: { count: pending.length, batches },
  };
}

/**
 * SHA-256 over everything a version freezes, in a fixed order: its figures, then its items by
 * sample id, each as stored. The same content always gives the same hash.
 */
export function contentHashOf(figures: Omit<BuiltDataset, 'items'>, items: FrozenItems): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(figures));
  for (const batch of items.batches()) hash.update(batch.text);
  return hash.digest('hex');
}

/**
 * Each frozen item as `insertDatasetVersion` takes it, in order: its text a slice of its batch's
 * (V8 keeps a slice as a view of the batch's text, not a copy).
 */
export function* serializedItems(items: FrozenItems): Generator<SerializedDatasetItem> {
  for (const { sampleIds, ends, text } of items.batches()) {
    for (let i = 0; i < sampleIds.length; i++) yield { sampleId: sampleIds[i]!, json: text.slice(ends[i - 1] ?? 0, ends[i]) };
  }
}

/**
 * Each item's stratum. Images: the rarest class in the sample (so rare classes spread evenly),
 * or `none`; plus the chosen tags the sample has.
 */
function strata(items: readonly PendingItem[], stratifyTags: readonly string[]): (item: PendingItem) => string {
  // Samples with each class, a sample counted once however many of its boxes have it.
  const frequency = new Map<number, number>();
  for (const { boxClasses } of items) {
    if (!boxClasses) continue;
    for (let i = 0; i < boxClasses.length; i++) {
      const classId = boxClasses[i]!;
      if (boxClasses.indexOf(classId) === i) frequency.set(classId, (frequency.get(classId) ?? 0) + 1);
    }
  }
  const byRarity = (x: number, y: number) => frequency.get(x)! - frequency.get(y)! || x - y;
  // Sorted, so the order the tags were chosen in does not change the splits.
  const chosenTags = [...new Set(stratifyTags)].sort();
  // One text per stratum, not one built per sample: a version has 100,000 samples and a few dozen strata.
  const named = new Map<string, Map<number | string, string>>();
  const nameOf = (classPart: number | string, tagPart: string) => {
    let byClass = named.get(tagPart);
    if (!byClass) named.set(tagPart, (byClass = new Map()));
    let name = byClass.get(classPart);
    if (name === undefined) byClass.set(classPart, (name = `${classPart}|${tagPart}`));
    return name;
  };
  return (item) => {
    const tagPart = chosenTags.length === 0 ? '' : chosenTags.filter((tag) => item.tags.includes(tag)).join('+');
    if (!item.boxClasses) return nameOf('all', tagPart);
    // The rarest class present (fewest samples, then lowest id), or none.
    let rarest: number | null = null;
    for (const classId of item.boxClasses) if (rarest === null || byRarity(classId, rarest) < 0) rarest = classId;
    return nameOf(rarest ?? 'none', tagPart);
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
