import { createHash } from 'node:crypto';
import { AgreementLedger, type AgreementOptions, type AnnotationForAgreement } from '../../../shared/agreement';
import { currentAnswers } from '../../../shared/agreement/current-answers';
import { exportFileNames } from '../../../shared/dataset/file-names';
import { finalLabel } from '../../../shared/dataset/final-label';
import { assignSplits, SPLITS, type Split } from '../../../shared/dataset/splits';
import type { DatasetItem, DatasetOptions, DatasetSummary, LabelSource } from '../../../shared/domain/dataset';
import { datasetVersion, type SerializedDatasetItem } from '../../db/queries/datasets';
import { currentGoldLabels } from '../../db/queries/gold';
import { listGuidelineVersions } from '../../db/queries/guidelines';
import { listLabelers } from '../../db/queries/labelers';
import { listClasses, tagNamesNow } from '../../db/queries/project';
import { keptAgreementAndStale } from '../../db/queries/sample-agreement';
import { versionInputs } from '../../db/queries/version-inputs';
import { ApiError } from '../../../shared/api/errors';
import { consensusWith, weightsOf } from '../consensus';
import type { OpenProject } from '../hosting/context';

/** A version's figures, and its items serialized in sample id order (see {@link contentHashOf}). */
export type BuiltDataset = Omit<DatasetSummary, 'version' | 'createdAt' | 'contentHash'> & { items: SerializedDatasetItem[] };

/** Samples read at once (their rows, answers and kept agreement): the main thread never holds a large project's every answer. */
const SAMPLE_BATCH = 500;

/** Items hashed in one update (see {@link contentHashOf}). */
const HASHED_AT_ONCE = 500;

/**
 * The agreement a version reports and weighs labelers by: the dashboard's ledger (the same
 * options, in the same order, so the same kept ledger answers), and the kept per-sample scores,
 * which are scored with these options too (`KEPT_REVIEW_IOU`, no normalisation).
 */
const AGREEMENT_OPTIONS: AgreementOptions = { iouThreshold: 0.5, normalize: [] };

/**
 * One included sample while the version is made: its item serialized but for its split and file
 * name (`JSON.stringify` of the item without them, its closing brace left off), and what the
 * splits, file names and counts need. The label itself is not kept: 100,000 label objects
 * would be most of the memory a version takes to make.
 */
interface PendingItem {
  sampleId: number;
  sha256: string;
  displayName: string;
  tags: readonly string[];
  /** Each box's class, one per box; null for a label without boxes (a transcript). */
  boxClasses: number[] | null;
  guidelineVersion: number;
  json: string;
}

/**
 * What a dataset version freezes, from the project as it is now: each sample's final label
 * (`finalLabel`), its split (`assignSplits`, stratified by the rarest class present and the
 * chosen tags), and the counts, agreement, guideline versions and labelers behind them.
 * Samples are read a batch at a time, in id order, so items come in sample id order.
 */
export async function buildDataset(project: OpenProject, options: DatasetOptions): Promise<BuiltDataset> {
  const { db } = project.connection;
  // The headline figure and the consensus weights: from the ledger's sums, without a row per sample.
  const agreement = await project.agreement.dashboard(AGREEMENT_OPTIONS);
  const weights = weightsOf(agreement);
  const [gold, classes, labelers, guidelines, currentName] = await Promise.all([
    currentGoldLabels(db),
    listClasses(db),
    listLabelers(db),
    listGuidelineVersions(db),
    tagNamesNow(db),
  ]);
  const bySource: Record<LabelSource, number> = { gold: 0, consensus: 0, single: 0, flagged: 0 };
  let excluded = 0;
  const answeredBy = new Set<number>();

  const pending: PendingItem[] = [];
  for (let afterId = 0; ;) {
    // Answers before the kept scores: a submission in between marks its sample stale, which is then scored from these answers.
    const { samples, answersOf } = await versionInputs(db, { afterId, limit: SAMPLE_BATCH }, currentName);
    if (samples.length === 0) break;
    afterId = samples[samples.length - 1]!.id;
    const ids = samples.map((sample) => sample.id);
    const kept = await keptAgreementAndStale(db, ids);
    for (const sample of samples) {
      const submitted = answersOf(sample.id);
      const mine = currentAnswers(submitted);
      const decided = gold.get(sample.id) ?? null;
      if (mine.length === 0 && !decided) continue;
      const agreementOf = kept.stale.has(sample.id) ? scoredAgreement(project.kind, sample.id, submitted) : (kept.agreement.get(sample.id) ?? null);
      const chosen = finalLabel({ decision: decided, answers: mine, agreement: agreementOf }, () => consensusWith(project.kind, mine, { weights }), options);
      if (!chosen) {
        excluded++;
        continue;
      }
      bySource[chosen.source]++;
      // A labeler's current answer stands for all theirs on the sample: who labeled it is the same.
      for (const answer of mine) answeredBy.add(answer.labelerId);
      const item: Omit<DatasetItem, 'split' | 'fileName'> = {
        sampleId: sample.id,
        sha256: sample.sha256,
        source: chosen.source,
        guidelineVersion: chosen.guidelineVersion,
        agreement: agreementOf,
        label: chosen.label,
        width: sample.width,
        height: sample.height,
        durationMs: sample.duration_ms,
      };
      pending.push({
        sampleId: sample.id,
        sha256: sample.sha256,
        displayName: sample.display_name,
        tags: sample.tags,
        boxClasses: chosen.label.kind === 'bbox' ? chosen.label.boxes.map((box) => box.classId) : null,
        guidelineVersion: chosen.guidelineVersion,
        json: JSON.stringify(item).slice(0, -1),
      });
    }
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
  const items: SerializedDatasetItem[] = pending.map((item) => {
    const split = splits.get(item.sampleId)!;
    counts[split]++;
    for (const classId of item.boxClasses ?? []) bump(classCounts[split], className.get(classId) ?? String(classId));
    for (const tag of item.tags) bump(tagCounts[split], tag);
    usedVersions.add(item.guidelineVersion);
    // The same text as `JSON.stringify({ ...item, split, fileName })`: the two keys come last.
    return { sampleId: item.sampleId, json: `${item.json},"split":${JSON.stringify(split)},"fileName":${JSON.stringify(names.get(item.sampleId)!)}}` };
  });
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
    items,
  };
}

/**
 * SHA-256 over everything a version freezes, in a fixed order: its figures, then its items by
 * sample id, each as stored. The same content always gives the same hash.
 */
export function contentHashOf(figures: Omit<BuiltDataset, 'items'>, items: readonly SerializedDatasetItem[]): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(figures));
  // Items joined a few hundred kilobytes at a time: one update per item (100,000 of them) cost more than the hashing.
  for (let start = 0; start < items.length; start += HASHED_AT_ONCE) {
    hash.update(
      items
        .slice(start, start + HASHED_AT_ONCE)
        .map((item) => item.json)
        .join(''),
    );
  }
  return hash.digest('hex');
}

/**
 * 1 − the disagreement score a sample's submitted answers give under the version's options, as
 * the ledger scores it (null with fewer than two labelers): for a sample whose kept score is stale.
 */
function scoredAgreement(kind: 'bbox' | 'transcript', sampleId: number, submitted: readonly AnnotationForAgreement[]): number | null {
  const score = AgreementLedger.scoreOfSample(kind, sampleId, submitted, AGREEMENT_OPTIONS);
  return score === null ? null : 1 - score;
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

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
