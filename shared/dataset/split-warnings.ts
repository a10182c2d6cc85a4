import type { DatasetPreview } from '../domain/dataset';
import type { Split } from './splits';

/** Why a version's split cannot be used as it is, and what to do about it. */
export interface SplitWarning {
  problem: string;
  fix: string;
}

const SPLIT_USE: Record<Exclude<Split, 'train'>, string> = {
  dev: 'to tune and choose a model on',
  test: 'to measure the chosen model on',
};

/**
 * What makes a version's split unusable for training a model: an empty train, dev or test
 * split, or a class without a box in train (a model cannot learn it, only be marked wrong on
 * it). Each warning says how to fix it, with numbers: the share that gives a split its first
 * sample, or more labels. `classNames` are the project's classes (none for transcripts).
 * @example splitWarnings({ counts: { train: 6, dev: 0, test: 0 }, excluded: 0, bySource, classes }, ['cat'], [0.8, 0.1, 0.1])[0]
 *   // { problem: 'The dev split is empty: nothing to tune and choose a model on.', fix: '10% of 6 samples is less than one: raise dev to at least 17%, or label more samples.' }
 */
export function splitWarnings(preview: DatasetPreview, classNames: readonly string[], ratios: readonly [number, number, number]): SplitWarning[] {
  const { counts } = preview;
  const total = counts.train + counts.dev + counts.test;
  if (total === 0) return [{ problem: 'The version would hold no samples.', fix: 'Submit labels first (or lower the agreement needed for a consensus).' }];
  const warnings: SplitWarning[] = [];
  if (counts.train === 0) warnings.push({ problem: 'The train split is empty: nothing to learn from.', fix: 'Give train the largest share, e.g. 80%.' });
  // Samples left out (unresolved, or under the agreement threshold) are the other way to fill a split.
  const orMore =
    preview.excluded > 0 ? `, or keep the ${preview.excluded} samples left out (flagged, or with a lower agreement threshold)` : ', or label more samples';
  (['dev', 'test'] as const).forEach((split) => {
    if (counts[split] > 0) return;
    const ratio = ratios[split === 'dev' ? 1 : 2];
    // The share that puts one sample of `total` in the split, in whole percent, rounded up.
    const oneSample = Math.ceil(100 / total);
    warnings.push({
      problem: `The ${split} split is empty: nothing ${SPLIT_USE[split]}.`,
      fix:
        ratio === 0
          ? `Give ${split} a share (at least ${oneSample}% for one of the ${total} samples).`
          : `${Math.round(ratio * 100)}% of ${total} samples is less than one: raise ${split} to at least ${oneSample}%${orMore}.`,
    });
  });
  if (counts.train > 0) {
    const inAnySplit = new Set(Object.values(preview.classes).flatMap((byClass) => Object.keys(byClass)));
    const untrained = classNames.filter((name) => !((preview.classes.train[name] ?? 0) > 0));
    const elsewhere = untrained.filter((name) => inAnySplit.has(name));
    const nowhere = untrained.filter((name) => !inAnySplit.has(name));
    if (elsewhere.length > 0)
      warnings.push({
        problem: `No box of ${quoted(elsewhere)} is in train: a model cannot learn ${elsewhere.length === 1 ? 'it' : 'them'}.`,
        fix: 'Label more images with these classes, or give train a larger share.',
      });
    if (nowhere.length > 0)
      warnings.push({
        problem: `No sample in the version has a box of ${quoted(nowhere)}: a model cannot learn ${nowhere.length === 1 ? 'it' : 'them'}.`,
        fix: `Label images with ${nowhere.length === 1 ? 'this class' : 'these classes'}${preview.excluded > 0 ? ' or keep the samples left out' : ''}, or remove a class that is not needed.`,
      });
  }
  return warnings;
}

function quoted(names: readonly string[]): string {
  return names.map((name) => `“${name}”`).join(', ');
}
