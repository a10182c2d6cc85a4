import { describe, expect, it } from 'vitest';
import { projectAgreement } from '../../../shared/agreement';
import { A, at, B, boxes, C, CLOSE_A, LOOSE_A } from './fixtures';

describe('projectAgreement for boxes', () => {
  it('gives 1 everywhere when labelers draw the same boxes', () => {
    const same = [at(A), at(B, 2)];
    const result = projectAgreement(
      [1, 2].flatMap((sample) => [1, 2, 3].map((labeler) => boxes(sample, labeler, same, { sampleTags: ['day'] }))),
      'bbox',
    );
    // 2 samples × 3 pairs = 6 comparisons, each tp 2.
    expect(result.overall).toMatchObject({ value: 1, f1: 1, meanIoU: 1, classAgreement: 1, tp: 12, fp: 0, fn: 0, comparisons: 6, samples: 2 });
    expect(result.overall.interval).toEqual({ low: 1, high: 1 });
    expect(result.perSample.map((s) => [s.sampleId, s.score, s.labelerIds])).toEqual([
      [1, 0, [1, 2, 3]],
      [2, 0, [1, 2, 3]],
    ]);
    expect(result.perPair.map((p) => [p.labelerA, p.labelerB, p.figure.f1, p.figure.samples])).toEqual([
      [1, 2, 1, 2],
      [1, 3, 1, 2],
      [2, 3, 1, 2],
    ]);
    expect(result.perLabeler.map((l) => [l.labelerId, l.figure.f1, l.difference])).toEqual([
      [1, 1, 0],
      [2, 1, 0],
      [3, 1, 0],
    ]);
    expect(result.perClass.map((c) => [c.classId, c.f1, c.tp])).toEqual([
      [1, 1, 6],
      [2, 1, 6],
    ]);
    expect(result.perTag).toMatchObject([{ key: 'day', figure: { f1: 1, samples: 2 } }]);
  });

  it('ranks one box vs three, a missing box and a loose box above near-identical boxes', () => {
    const result = projectAgreement(
      [
        // Sample 1: IoU 0.95 → score 1 − 2·0.95 / 2 = 0.05.
        boxes(1, 1, [at(A)]),
        boxes(1, 2, [at(CLOSE_A)]),
        // Sample 2: labeler 2 misses B: tp 1, fn 1 → F1 2/3, score 1 − 2·1 / 3 = 1/3.
        boxes(2, 1, [at(A), at(B)]),
        boxes(2, 2, [at(A)]),
        // Sample 3: one box vs three: tp 1, fp 2 → F1 2/4, score 1 − 2 / 4 = 0.5.
        boxes(3, 1, [at(A)]),
        boxes(3, 2, [at(A), at(B), at(C)]),
        // Sample 4: loose box, IoU 0.7 ≥ 0.5 still matches: F1 1, score 1 − 2·0.7 / 2 = 0.3.
        boxes(4, 1, [at(A)]),
        boxes(4, 2, [at(LOOSE_A)]),
      ],
      'bbox',
    );
    expect(result.perSample.map((s) => s.sampleId)).toEqual([3, 2, 4, 1]);
    const scores = result.perSample.map((s) => s.score);
    [0.5, 1 / 3, 0.3, 0.05].forEach((expected, i) => expect(scores[i]).toBeCloseTo(expected, 12));
    expect(result.perSample[2]!.figure).toMatchObject({ f1: 1, tp: 1 });
    expect(result.perSample[2]!.figure.meanIoU).toBeCloseTo(0.7, 12);
    // Pooled: tp 1+1+1+1 = 4, fp 2, fn 1 → F1 8 / 11; mean IoU (0.95 + 1 + 1 + 0.7) / 4 = 0.9125.
    expect(result.overall).toMatchObject({ tp: 4, fp: 2, fn: 1, comparisons: 4, samples: 4 });
    expect(result.overall.f1).toBeCloseTo(8 / 11, 12);
    expect(result.overall.meanIoU).toBeCloseTo(0.9125, 12);
  });

  it('does not match the loose box above its IoU', () => {
    const result = projectAgreement([boxes(1, 1, [at(A)]), boxes(1, 2, [at(LOOSE_A)])], 'bbox', { iouThreshold: 0.75 });
    // IoU 0.7 < 0.75: tp 0, fp 1, fn 1 → F1 0, score 1.
    expect(result.overall).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0, meanIoU: null, classAgreement: null });
    expect(result.perSample[0]!.score).toBe(1);
  });

  it('counts a class mismatch against class agreement, not against F1', () => {
    const result = projectAgreement([boxes(1, 1, [at(A, 1), at(B, 2)]), boxes(1, 2, [at(A, 1), at(B, 3)])], 'bbox');
    // tp 2 (classes ignored) → F1 1; 1 of 2 matched pairs has equal classes → 0.5.
    expect(result.overall).toMatchObject({ f1: 1, tp: 2, classAgreement: 0.5 });
    // Within classes: class 1 tp 1; class 2 only labeler 1 (the reference) → fn 1; class 3 only labeler 2 → fp 1.
    expect(result.perClass).toEqual([
      { classId: 1, tp: 1, fp: 0, fn: 0, f1: 1, meanIoU: 1 },
      { classId: 2, tp: 0, fp: 0, fn: 1, f1: 0, meanIoU: null },
      { classId: 3, tp: 0, fp: 1, fn: 0, f1: 0, meanIoU: null },
    ]);
  });

  it('gives per pair and per labeler figures, and who drifts', () => {
    // Labelers 1 and 2 draw A; labeler 3 draws A and an extra B.
    const result = projectAgreement([boxes(1, 1, [at(A)]), boxes(1, 2, [at(A)]), boxes(1, 3, [at(A), at(B)])], 'bbox');
    // Pairs: (1,2) tp 1 → 1; (1,3) and (2,3) tp 1, fp 1 → 2/3.
    const pairs = result.perPair.map((p) => [p.labelerA, p.labelerB, p.figure.f1, p.figure.samples]);
    expect(pairs).toEqual([
      [1, 2, 1, 1],
      [1, 3, 2 / 3, 1],
      [2, 3, 2 / 3, 1],
    ]);
    // Overall tp 3, fp 2 → 6 / 8 = 0.75. Labeler 1: (1,2)+(1,3) tp 2, fp 1 → 4/5; labeler 2 the same;
    // labeler 3: (1,3)+(2,3) tp 2, fp 2 → 4/6, 2/3 − 3/4 = −1/12 below the overall.
    expect(result.overall.f1).toBe(0.75);
    const labelers = result.perLabeler.map((l) => [l.labelerId, l.figure.f1, l.figure.comparisons]);
    expect(labelers).toEqual([
      [1, 0.8, 2],
      [2, 0.8, 2],
      [3, 2 / 3, 2],
    ]);
    expect(result.perLabeler[2]!.difference).toBeCloseTo(-1 / 12, 12);
    // The sample pools its 3 pairs: 1 − 2·3 / (6 + 2) = 0.25.
    expect(result.perSample[0]!.score).toBeCloseTo(0.25, 12);
  });

  it('restricts per-tag figures to the samples with the tag', () => {
    const result = projectAgreement(
      [
        boxes(1, 1, [at(A)], { sampleTags: ['night'] }),
        boxes(1, 2, [at(A)], { sampleTags: ['night'] }),
        boxes(2, 1, [at(A), at(B)], { sampleTags: ['day'] }), // tp 1, fn 1
        boxes(2, 2, [at(A)], { sampleTags: ['day'] }),
        boxes(3, 1, [at(A)], { sampleTags: ['day', 'rain'] }), // tp 1, fp 2
        boxes(3, 2, [at(A), at(B), at(C)], { sampleTags: ['day', 'rain'] }),
      ],
      'bbox',
    );
    // day: tp 2, fp 2, fn 1 → 4 / 7; night: 1; rain: 2 / 4.
    expect(result.perTag.map((t) => [t.key, t.figure.f1, t.figure.samples])).toEqual([
      ['day', 4 / 7, 2],
      ['night', 1, 1],
      ['rain', 0.5, 1],
    ]);
  });

  it('splits by guideline version, leaving out pairs across versions', () => {
    const result = projectAgreement(
      [
        boxes(1, 1, [at(A)], { guidelineVersion: 1 }), // v1: disjoint boxes, F1 0
        boxes(1, 2, [at(C)], { guidelineVersion: 1 }),
        boxes(2, 1, [at(A)], { guidelineVersion: 2 }), // v2: the same box, F1 1
        boxes(2, 2, [at(A)], { guidelineVersion: 2 }),
        boxes(3, 1, [at(A)], { guidelineVersion: 1 }), // mixed: in overall only
        boxes(3, 2, [at(A)], { guidelineVersion: 2 }),
      ],
      'bbox',
    );
    expect(result.perGuidelineVersion.map((g) => [g.key, g.figure.f1, g.figure.comparisons])).toEqual([
      [1, 0, 1],
      [2, 1, 1],
    ]);
    // Overall: tp 2, fp 1, fn 1 → 4 / 6.
    expect(result.overall.f1).toBeCloseTo(2 / 3, 12);
  });

  it('ignores a sample with one labeler and keeps the latest of a labeler’s submissions', () => {
    const result = projectAgreement(
      [
        boxes(1, 1, [at(A)]),
        boxes(1, 2, [at(C)], { submittedAt: 1 }),
        boxes(1, 2, [at(A)], { submittedAt: 2 }), // replaces the one above
        boxes(9, 1, [at(A), at(B)], { sampleTags: ['solo'], tags: ['blurry'] }),
      ],
      'bbox',
    );
    expect(result.overall).toMatchObject({ f1: 1, comparisons: 1, samples: 1 });
    expect(result.perSample.map((s) => s.sampleId)).toEqual([1]);
    expect(result.perTag).toEqual([]);
    expect(result.tagKappa).toEqual([]);
  });

  it('gives well-defined empty results for no annotations', () => {
    const result = projectAgreement([], 'bbox');
    expect(result.overall).toEqual({
      kind: 'bbox',
      value: null,
      comparisons: 0,
      samples: 0,
      tp: 0,
      fp: 0,
      fn: 0,
      f1: null,
      meanIoU: null,
      classAgreement: null,
      classKappa: null,
      classAC1: null,
      classBrennanPrediger: null,
      commonestClassShare: null,
      interval: null,
      classIntervals: { kappa: null, ac1: null, brennanPrediger: null },
    });
    expect([
      result.perSample,
      result.perPair,
      result.perLabeler,
      result.perClass,
      result.perTag,
      result.perGuidelineVersion,
      result.perWeek,
      result.tagKappa,
    ]).toEqual([[], [], [], [], [], [], [], []]);
    expect(result.emptyFlag).toEqual({ flag: 'noObjects', alpha: null, units: 0, positives: 0 });
  });

  it('scores agreement on labelers’ own tags and on noObjects with Krippendorff’s alpha', () => {
    // blurry / noObjects per sample (labeler 1, labeler 2): (yes, yes), (no, no), (yes, no), (no, no).
    // 8 values, 3 yes, 5 no; one disagreeing sample: D_o = 2 / 8, D_e = 2·3·5 / (8·7) = 15/28,
    // α = 1 − (1/4)·(28/15) = 8/15. "cat" is given on sample 1 by both only: α = 1.
    // "all" is given everywhere: no variation → null.
    const pattern: [boolean, boolean][] = [
      [true, true],
      [false, false],
      [true, false],
      [false, false],
    ];
    const annotations = pattern.flatMap(([first, second], s) =>
      [first, second].map((yes, labeler) => {
        const tags = ['all', ...(yes ? ['blurry'] : []), ...(s === 0 ? ['cat'] : [])];
        return boxes(s + 1, labeler + 1, yes ? [] : [at(A)], { tags, noObjects: yes });
      }),
    );
    const result = projectAgreement(annotations, 'bbox');
    expect(result.tagKappa.map((t) => [t.tag, t.alpha, t.units, t.positives])).toEqual([
      ['all', null, 4, 8],
      ['blurry', expect.closeTo(8 / 15, 12), 4, 3],
      ['cat', 1, 4, 2],
    ]);
    expect(result.emptyFlag.alpha).toBeCloseTo(8 / 15, 12);
    expect(result.emptyFlag).toMatchObject({ flag: 'noObjects', units: 4, positives: 3 });
  });

  it('refuses an annotation of the other kind', () => {
    expect(() => projectAgreement([boxes(1, 1, [])], 'transcript')).toThrow(/bbox annotation in a transcript agreement/);
  });
});
