import { createHash } from 'node:crypto';
import { bySample, currentAnswers } from '../../../shared/agreement/current-answers';
import { exportFileNames } from '../../../shared/dataset/file-names';
import { finalLabel } from '../../../shared/dataset/final-label';
import { assignSplits, SPLITS, type Split } from '../../../shared/dataset/splits';
import type { DatasetItem, DatasetOptions, DatasetSummary, LabelSource } from '../../../shared/domain/dataset';
import { submittedForAgreement } from '../../db/queries/agreement-inputs';
import { datasetVersion, frozenItem, type SerializedDatasetItem } from '../../db/queries/datasets';
import { currentGoldLabels } from '../../db/queries/gold';
import { listGuidelineVersions } from '../../db/queries/guidelines';
import { listLabelers } from '../../db/queries/labelers';
import { listClasses } from '../../db/queries/project';
import { samplesForExport } from '../../db/queries/samples';
import { ApiError } from '../../../shared/api/errors';
import { consensusWith, weightsOf } from '../consensus';
import type { OpenProject } from '../hosting/context';

export type BuiltDataset = Omit<DatasetSummary, 'version' | 'createdAt' | 'contentHash'> & { items: DatasetItem[] };

/** Samples whose answers are read at once (one query: `submittedForAgreement` reads 500 per query): the main thread never holds a large project's every answer. */
const ANSWER_BATCH = 500;

/**
 * What a dataset version freezes, from the project as it is now: each sample's final label
 * (`finalLabel`), its split (`assignSplits`, stratified by the rarest class present and the
 * chosen tags), and the counts, agreement, guideline versions and labelers behind them.
 * Items come in sample id order.
 */
export async function buildDataset(project: OpenProject, options: DatasetOptions): Promise<BuiltDataset> {
  const { db } = project.connection;
  // The agreement first: when its ledger is not loaded yet, the worker reads every answer, and
  // this does not read them at the same time. One snapshot gives the scores and the consensus weights.
  const agreement = await project.agreement.snapshot({ iouThreshold: 0.5, normalize: [] });
  const weights = weightsOf(agreement);
  const [gold, samples, classes, labelers, guidelines] = await Promise.all([
    currentGoldLabels(db),
    samplesForExport(db),
    listClasses(db),
    listLabelers(db),
    listGuidelineVersions(db),
  ]);
  const scores = new Map(agreement.perSample.map((row) => [row.sampleId, row.score]));
  const bySource: Record<LabelSource, number> = { gold: 0, consensus: 0, single: 0, flagged: 0 };
  let excluded = 0;
  const answeredBy = new Set<number>();

  const unsplit: Omit<DatasetItem, 'split' | 'fileName'>[] = [];
  for (let start = 0; start < samples.length; start += ANSWER_BATCH) {
    const batch = samples.slice(start, start + ANSWER_BATCH);
    const answers = bySample(
      await submittedForAgreement(
        db,
        batch.map((sample) => sample.id),
      ),
    );
    for (const sample of batch) {
      const mine = currentAnswers(answers.get(sample.id) ?? []);
      const decided = gold.get(sample.id) ?? null;
      if (mine.length === 0 && !decided) continue;
      const score = scores.get(sample.id);
      const chosen = finalLabel(
        { decision: decided, answers: mine, agreement: score === undefined ? null : 1 - score },
        () => consensusWith(project.kind, mine, { weights }),
        options,
      );
      if (!chosen) {
        excluded++;
        continue;
      }
      bySource[chosen.source]++;
      // A labeler's current answer stands for all theirs on the sample: who labeled it is the same.
      for (const answer of mine) answeredBy.add(answer.labelerId);
      unsplit.push({
        sampleId: sample.id,
        sha256: sample.sha256,
        source: chosen.source,
        guidelineVersion: chosen.guidelineVersion,
        agreement: score === undefined ? null : 1 - score,
        label: chosen.label,
        width: sample.width,
        height: sample.height,
        durationMs: sample.duration_ms,
      });
    }
  }

  const tagsOf = new Map(samples.map((sample) => [sample.id, sample.tags]));
  const splits = assignSplits(
    unsplit.map((item) => ({
      sampleId: item.sampleId,
      sha256: item.sha256,
      stratum: stratumOf(item, tagsOf.get(item.sampleId) ?? [], options.stratifyTags, unsplit),
    })),
    { ratios: options.ratios, seed: options.seed, pinnedTest: await pinnedTest(project, options.pinTestFrom) },
  );
  const names = exportFileNames(samples.filter((sample) => splits.has(sample.id)).map((sample) => ({ id: sample.id, name: sample.display_name })));
  const items = unsplit.map((item) => ({ ...item, split: splits.get(item.sampleId)!, fileName: names.get(item.sampleId)! }));

  const className = new Map(classes.map((c) => [c.id, c.name]));
  const perSplit = <T>(make: () => T) => Object.fromEntries(SPLITS.map((split) => [split, make()])) as Record<Split, T>;
  const counts = perSplit(() => 0);
  const classCounts = perSplit<Record<string, number>>(() => ({}));
  const tagCounts = perSplit<Record<string, number>>(() => ({}));
  for (const item of items) {
    counts[item.split]++;
    if (item.label.kind === 'bbox') for (const box of item.label.boxes) bump(classCounts[item.split], className.get(box.classId) ?? String(box.classId));
    for (const tag of tagsOf.get(item.sampleId) ?? []) bump(tagCounts[item.split], tag);
  }
  const labelerName = new Map(labelers.map((l) => [l.id, l.name]));
  const usedVersions = new Set(items.map((item) => item.guidelineVersion));
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
 * SHA-256 over everything a version freezes, in a fixed order (items by sample id): the same
 * content always gives the same hash. Each item is serialized once, for the hash and for storing.
 */
export function frozenContent(built: BuiltDataset): { contentHash: string; items: SerializedDatasetItem[] } {
  const hash = createHash('sha256');
  const { items, ...rest } = built;
  hash.update(JSON.stringify(rest));
  const ordered = items.every((item, i) => i === 0 || items[i - 1]!.sampleId < item.sampleId) ? items : [...items].sort((x, y) => x.sampleId - y.sampleId);
  const frozen = ordered.map((item) => {
    const serialized = frozenItem(item);
    hash.update(serialized.json);
    return serialized;
  });
  return { contentHash: hash.digest('hex'), items: frozen };
}

/** Images: the rarest class in the sample (so rare classes spread evenly), or `none`; plus the chosen tags. */
function stratumOf(
  item: Omit<DatasetItem, 'split' | 'fileName'>,
  tags: readonly string[],
  stratifyTags: readonly string[],
  all: readonly Omit<DatasetItem, 'split' | 'fileName'>[],
): string {
  // Sorted, so the order the tags were chosen in does not change the splits.
  const tagPart = [...new Set(stratifyTags)]
    .sort()
    .filter((tag) => tags.includes(tag))
    .join('+');
  if (item.label.kind !== 'bbox') return `all|${tagPart}`;
  const frequency = classFrequency(all);
  const classes = [...new Set(item.label.boxes.map((box) => box.classId))];
  const rarest = classes.sort((x, y) => frequency.get(x)! - frequency.get(y)! || x - y)[0];
  return `${rarest ?? 'none'}|${tagPart}`;
}

const frequencies = new WeakMap<object, Map<number, number>>();
function classFrequency(all: readonly Omit<DatasetItem, 'split' | 'fileName'>[]): Map<number, number> {
  let frequency = frequencies.get(all);
  if (!frequency) {
    frequency = new Map();
    for (const item of all)
      if (item.label.kind === 'bbox')
        for (const classId of new Set(item.label.boxes.map((b) => b.classId))) frequency.set(classId, (frequency.get(classId) ?? 0) + 1);
    frequencies.set(all, frequency);
  }
  return frequency;
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
