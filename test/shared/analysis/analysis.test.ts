import { describe, expect, it } from 'vitest';
import { classificationReport } from '../../../shared/analysis/classification-report';
import { likelyLabelErrors, proposeLabelErrors } from '../../../shared/analysis/label-errors';
import { sliceTable } from '../../../shared/analysis/slice-table';

describe('classification report', () => {
  it('gives per-class precision, recall, F1 and the confusion matrix, computed by hand', () => {
    // gold:      cat cat cat dog dog bird
    // predicted: cat cat dog dog cat bird
    const report = classificationReport([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 0, 2], ['cat', 'dog', 'bird']);
    expect(report.confusion).toEqual([
      [2, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    expect(report.accuracy).toBeCloseTo(4 / 6, 12);
    expect(report.perClass.map((c) => [c.label, c.precision, c.recall, c.f1])).toEqual([
      ['cat', 2 / 3, 2 / 3, 2 / 3],
      ['dog', 1 / 2, 1 / 2, 1 / 2],
      ['bird', 1, 1, 1],
    ]);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 1 / 2 + 1) / 3, 12);
  });

  it('shows up a model that always answers the majority class', () => {
    const gold = [...new Array(90).fill(0), ...new Array(10).fill(1)];
    const report = classificationReport(gold, new Array(100).fill(0), ['common', 'rare']);
    expect(report.accuracy).toBe(0.9); // looks good
    expect(report.perClass[1]).toMatchObject({ recall: 0, f1: 0, precision: null }); // is not
    expect(report.macroF1).toBeCloseTo((180 / 190 + 0) / 2, 12);
  });
});

describe('slice table', () => {
  it("ranks slices by gap × share, the issue's arithmetic", () => {
    // 100 samples: "rain" is 4 of them at 0.86 accuracy against HLP 0.90 (gap 0.04, share 0.04);
    // "street" is 60 of them at 0.95 against 0.96 (gap 0.01, share 0.6).
    const samples = Array.from({ length: 100 }, (_, i) => ({
      sampleId: i,
      tags: i < 4 ? ['rain'] : i < 64 ? ['street'] : [],
      score: i < 4 ? 0.86 : i < 64 ? 0.95 : 1,
    }));
    const rows = sliceTable(
      samples,
      new Map([
        ['rain', 0.9],
        ['street', 0.96],
        ['all', 0.97],
      ]),
    );
    const byName = new Map(rows.map((r) => [r.slice, r]));
    expect(byName.get('rain')!.potentialGain).toBeCloseTo(0.0016, 12); // 0.16 points
    expect(byName.get('street')!.potentialGain).toBeCloseTo(0.006, 12); // 0.6 points
    expect(byName.get('street')!.share).toBe(0.6);
    expect(rows.map((r) => r.slice)).toEqual(['street', 'all', 'rain']); // all: (0.97 − 0.9644) × 1 = 0.0056
    expect(byName.get('all')!.accuracy).toBeCloseTo((4 * 0.86 + 60 * 0.95 + 36) / 100, 12);
  });

  it('leaves slices without HLP at the end, with no gap', () => {
    const rows = sliceTable([{ sampleId: 1, tags: ['x'], score: 0.5 }], new Map());
    expect(rows.every((r) => r.gap === null && r.potentialGain === null)).toBe(true);
  });
});

describe('likely label errors', () => {
  it('finds deliberately flipped labels and ranks the surest first', () => {
    // Two well-separated classes; samples 3 and 7 have flipped labels.
    const probabilities = [
      [0.95, 0.05],
      [0.9, 0.1],
      [0.85, 0.15],
      [0.08, 0.92], // labeled 0, clearly a 1
      [0.1, 0.9],
      [0.2, 0.8],
      [0.05, 0.95],
      [0.7, 0.3], // labeled 1, looks like a 0
    ];
    const given = [0, 0, 0, 0, 1, 1, 1, 1];
    const errors = likelyLabelErrors(probabilities, given);
    expect(errors.map((e) => [e.index, e.given, e.suggested])).toEqual([
      [3, 0, 1],
      [7, 1, 0],
    ]);
  });

  it('flags nothing when the model agrees with every label', () => {
    expect(
      likelyLabelErrors(
        [
          [0.9, 0.1],
          [0.2, 0.8],
        ],
        [0, 1],
      ),
    ).toEqual([]);
  });
});

describe('label errors proposed only by a model that beats the commonest class', () => {
  it('proposes none from a model no better than always answering the commonest class, and says by how much', () => {
    // Held out: three coins and a cat. The model never learned coins and calls every coin a cat.
    const probabilities = [
      [0.1, 0.9],
      [0.2, 0.8],
      [0.15, 0.85],
      [0.1, 0.9],
    ];
    const given = [0, 0, 0, 1]; // 0 = coin, 1 = cat
    expect(likelyLabelErrors(probabilities, given).length).toBeGreaterThan(0); // confident learning alone would send the coins back
    expect(proposeLabelErrors(probabilities, given)).toEqual({ trusted: false, accuracy: 0.25, baselineAccuracy: 0.75, commonestClass: 0, suspects: [] });
  });

  it('does not trust a model that only equals the baseline', () => {
    const proposal = proposeLabelErrors(
      [
        [0.9, 0.1],
        [0.9, 0.1],
        [0.6, 0.4],
      ],
      [0, 0, 1],
    );
    expect(proposal).toMatchObject({ trusted: false, accuracy: 2 / 3, baselineAccuracy: 2 / 3 });
  });

  it('proposes the suspects of a model that beats the baseline', () => {
    // Four of five right against a baseline of three of five; the fifth, labeled 0, looks like a 1.
    const probabilities = [
      [0.9, 0.1],
      [0.85, 0.15],
      [0.1, 0.9],
      [0.2, 0.8],
      [0.05, 0.95],
    ];
    const proposal = proposeLabelErrors(probabilities, [0, 0, 1, 1, 0]);
    expect(proposal).toMatchObject({ trusted: true, accuracy: 0.8, baselineAccuracy: 0.6 });
    expect(proposal.suspects.map((s) => [s.index, s.given, s.suggested])).toEqual([[4, 0, 1]]);
  });

  it('proposes nothing without held-out examples', () => {
    expect(proposeLabelErrors([], [])).toMatchObject({ trusted: false, accuracy: null, suspects: [] });
  });
});
