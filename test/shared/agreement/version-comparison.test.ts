import { describe, expect, it } from 'vitest';
import { AgreementLedger, fewSamplesNote, projectAgreement, type AnnotationForAgreement } from '../../../shared/agreement';
import { mulberry32 } from '../../../shared/assignment/prng';
import { A, at, B, box, boxes, transcript } from './fixtures';

const v1 = { guidelineVersion: 1, submittedAt: 1 };
const v2 = { guidelineVersion: 2, submittedAt: 2 };

describe('agreement of one guideline version against the one before, on the same samples', () => {
  it('compares only the samples answered under both (a case worked by hand)', () => {
    const result = projectAgreement(
      [
        // Sample 1: a box against nothing under v1 (tp 0, fn 1); the same box twice under v2.
        boxes(1, 1, [at(A)], v1),
        boxes(1, 2, [], v1),
        boxes(1, 1, [at(A)], v2),
        boxes(1, 2, [at(A)], v2),
        // Sample 2: only labeler 1 relabeled it, so it has no v2 comparison and stays out.
        boxes(2, 1, [at(B)], v1),
        boxes(2, 2, [], v1),
        boxes(2, 1, [at(B)], v2),
        // Sample 3: agreed under both (tp 1 each time).
        boxes(3, 1, [at(B)], v1),
        boxes(3, 2, [at(B)], v1),
        boxes(3, 1, [at(B)], v2),
        boxes(3, 2, [at(B)], v2),
        // Sample 4: first labeled under v2, so nothing to compare it with.
        boxes(4, 1, [at(A)], v2),
        boxes(4, 2, [at(A)], v2),
      ],
      'bbox',
    );
    // Each version's own figure rests on different samples: v1 on 1–3 (F1 2·1 / (2·1 + 2) = 1/2), v2 on 1, 3 and 4.
    expect(result.perGuidelineVersion.map((v) => [v.key, v.figure.value, v.figure.samples])).toEqual([
      [1, 1 / 2, 3],
      [2, 1, 3],
    ]);
    // Like with like, on samples 1 and 3: v1 F1 2·1 / (2·1 + 1) = 2/3, v2 1.
    const [comparison] = result.versionComparisons;
    expect(result.versionComparisons).toHaveLength(1);
    expect(comparison).toMatchObject({ from: 1, to: 2, samples: 2, before: { tp: 1, fn: 1, samples: 2, comparisons: 2 }, after: { tp: 2, samples: 2 } });
    expect(comparison!.before.value).toBeCloseTo(2 / 3, 12);
    expect(comparison!.after.value).toBe(1);
    expect(comparison!.difference).toBeCloseTo(1 / 3, 12);
    expect(comparison!.interval!.low).toBeLessThanOrEqual(comparison!.difference!);
    expect(comparison!.interval!.high).toBeGreaterThanOrEqual(comparison!.difference!);
  });

  it('finds no difference when every sample is relabeled exactly as before, and an interval around a real one', () => {
    const random = mulberry32(4);
    const same: AnnotationForAgreement[] = [];
    const better: AnnotationForAgreement[] = [];
    for (let sample = 1; sample <= 30; sample++) {
      for (const labeler of [1, 2, 3]) {
        const drawn = [box(random() * 4, random() * 4, 20 + random() * 4, 20 + random() * 4)];
        const missed = random() < 0.4 ? [] : drawn;
        same.push(boxes(sample, labeler, missed, v1), boxes(sample, labeler, missed, v2));
        better.push(boxes(sample, labeler, missed, v1), boxes(sample, labeler, drawn, v2));
      }
    }
    const [unchanged] = projectAgreement(same, 'bbox').versionComparisons;
    expect(unchanged!.difference).toBe(0);
    expect(unchanged!.interval).toEqual({ low: 0, high: 0 });

    const [improved] = projectAgreement(better, 'bbox').versionComparisons;
    expect(improved!.samples).toBe(30);
    expect(improved!.difference).toBeGreaterThan(0);
    expect(improved!.interval!.low).toBeGreaterThan(0);
    expect(improved!.interval!.low).toBeLessThanOrEqual(improved!.difference!);
    expect(improved!.interval!.high).toBeGreaterThanOrEqual(improved!.difference!);
  });

  it('compares each version with the one before it, for transcripts too, and follows a ledger as samples change', () => {
    const v3 = { guidelineVersion: 3, submittedAt: 3 };
    const ledger = new AgreementLedger('transcript');
    ledger.setSample(1, [
      transcript(1, 1, 'um set a timer', v1),
      transcript(1, 2, 'set a timer', v1),
      transcript(1, 1, 'set a timer', v2),
      transcript(1, 2, 'set a timer', v2),
    ]);
    expect(ledger.snapshot().versionComparisons.map((c) => [c.from, c.to, c.samples])).toEqual([[1, 2, 1]]);
    ledger.setSample(1, [
      transcript(1, 1, 'um set a timer', v1),
      transcript(1, 2, 'set a timer', v1),
      transcript(1, 1, 'set a timer', v2),
      transcript(1, 2, 'set a timer', v2),
      transcript(1, 1, 'set a timer', v3),
      transcript(1, 2, 'set a timer', v3),
    ]);
    // v1: one edit over 4 + 3 words, WER 2·1 / 7, agreement 5/7; v2 and v3 agree: +2/7, then 0.
    const comparisons = ledger.snapshot().versionComparisons;
    expect(comparisons.map((c) => [c.from, c.to, c.samples, c.difference])).toEqual([
      [1, 2, 1, expect.closeTo(2 / 7, 12)],
      [2, 3, 1, 0],
    ]);
  });

  it('has nothing to compare in a project labeled under one version only', () => {
    expect(projectAgreement([boxes(1, 1, [at(A)]), boxes(1, 2, [at(A)])], 'bbox').versionComparisons).toEqual([]);
  });
});

describe('fewSamplesNote', () => {
  it('says a figure on under ten samples rests on few, and why; nothing from ten on', () => {
    expect(fewSamplesNote(1)).toBe('Rests on 1 sample: under 10, each sample weighs a tenth of the figure or more, so one relabeled sample can swing it.');
    expect(fewSamplesNote(9)).toMatch(/^Rests on 9 samples:/);
    expect(fewSamplesNote(10)).toBe('');
  });
});
