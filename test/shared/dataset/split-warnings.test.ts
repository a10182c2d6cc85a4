import { describe, expect, it } from 'vitest';
import { splitWarnings } from '../../../shared/dataset/split-warnings';
import type { DatasetPreview } from '../../../shared/domain/dataset';

const bySource = { gold: 0, consensus: 0, single: 0, flagged: 0 };

function preview(counts: DatasetPreview['counts'], classes: Partial<DatasetPreview['classes']> = {}): DatasetPreview {
  return { counts, excluded: 0, bySource, classes: { train: {}, dev: {}, test: {}, ...classes } };
}

describe('warnings about an unusable split', () => {
  it('says why a small project at 80/10/10 has empty dev and test splits, and which share gives them a sample', () => {
    const warnings = splitWarnings(preview({ train: 6, dev: 0, test: 0 }, { train: { cat: 3 } }), ['cat'], [0.8, 0.1, 0.1]);
    expect(warnings).toEqual([
      {
        problem: 'The dev split is empty: nothing to tune and choose a model on.',
        fix: '10% of 6 samples is less than one: raise dev to at least 17%, or label more samples.',
      },
      {
        problem: 'The test split is empty: nothing to measure the chosen model on.',
        fix: '10% of 6 samples is less than one: raise test to at least 17%, or label more samples.',
      },
    ]);
  });

  it('names the classes without a box in train, telling those seen elsewhere from those in no sample', () => {
    const warnings = splitWarnings(
      preview({ train: 8, dev: 1, test: 1 }, { train: { cat: 5 }, dev: { dog: 1 }, test: { cat: 1 } }),
      ['cat', 'dog', 'bird', 'fish'],
      [0.8, 0.1, 0.1],
    );
    expect(warnings.map((w) => w.problem)).toEqual([
      'No box of “dog” is in train: a model cannot learn it.',
      'No sample in the version has a box of “bird”, “fish”: a model cannot learn them.',
    ]);
  });

  it('offers the samples left out as the other way to fill a split', () => {
    const [dev] = splitWarnings({ ...preview({ train: 2, dev: 0, test: 1 }), excluded: 4 }, [], [0.8, 0.1, 0.1]);
    expect(dev!.fix).toBe(
      '10% of 3 samples is less than one: raise dev to at least 34%, or keep the 4 samples left out (flagged, or with a lower agreement threshold).',
    );
  });

  it('asks for a share when a split was given none, and says nothing of a usable split', () => {
    expect(splitWarnings(preview({ train: 9, dev: 0, test: 1 }), [], [0.9, 0, 0.1])).toEqual([
      { problem: 'The dev split is empty: nothing to tune and choose a model on.', fix: 'Give dev a share (at least 10% for one of the 10 samples).' },
    ]);
    expect(splitWarnings(preview({ train: 8, dev: 1, test: 1 }, { train: { cat: 2 } }), ['cat'], [0.8, 0.1, 0.1])).toEqual([]);
    expect(splitWarnings(preview({ train: 0, dev: 0, test: 0 }), ['cat'], [0.8, 0.1, 0.1])).toHaveLength(1);
  });
});
