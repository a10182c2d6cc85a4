import { describe, expect, it } from 'vitest';
import { projectAgreement, skewedClassNote } from '../../../shared/agreement';
import { SKEWED_CLASS_SHARE } from '../../../shared/agreement/class-agreement';
import { A, at, B, boxes, transcript } from './fixtures';

/**
 * A project where one class holds nearly every box: 20 samples, one box each, labelers 1 and 2
 * match every box; they give it the same class (1) on 18 samples and cross classes 1 and 2 once each way.
 */
function skewedProject() {
  return Array.from({ length: 20 }, (_, s) => {
    const [class1, class2] = s === 0 ? [1, 2] : s === 1 ? [2, 1] : [1, 1];
    return [boxes(s + 1, 1, [at(A, class1)]), boxes(s + 1, 2, [at(A, class2)])];
  }).flat();
}

describe('class coefficients of matched boxes', () => {
  it('show AC1 and Brennan–Prediger staying high where kappa collapses on a dominant class', () => {
    // Derived by hand: p_o = 18/20 = 0.9; kappa's p_e = (19·19 + 1·1)/400 = 0.905 → κ = −0.005/0.095;
    // π = 38/40, 2/40: AC1's p_e = (2/(2·1))·2·0.95·0.05 = 0.095 → (0.9 − 0.095)/0.905;
    // Brennan–Prediger p_e = 1/2 → 0.8. The commonest class holds 38 of the 40 labels.
    const { overall } = projectAgreement(skewedProject(), 'bbox');
    expect(overall.classAgreement).toBe(0.9);
    expect(overall.classKappa).toBeCloseTo(-0.005 / 0.095, 12);
    expect(overall.classAC1).toBeCloseTo(0.805 / 0.905, 12);
    expect(overall.classBrennanPrediger).toBeCloseTo(0.8, 12);
    expect(overall.commonestClassShare).toBe(0.95);
    expect(overall.commonestClassShare!).toBeGreaterThan(SKEWED_CLASS_SHARE);
  });

  it('give bootstrap intervals over samples, the same for the same project, none without the bootstrap', () => {
    const { overall } = projectAgreement(skewedProject(), 'bbox');
    const ac1 = overall.classIntervals!.ac1!;
    expect(ac1.low).toBeLessThanOrEqual(overall.classAC1!);
    expect(ac1.high).toBeGreaterThanOrEqual(overall.classAC1!);
    expect(ac1.low).toBeLessThan(ac1.high);
    // About e⁻² of the resamples leave out both samples where the classes differ: there AC1 is 1,
    // judged on the project's two classes although the resample shows only one.
    expect(ac1.high).toBe(1);
    const bp = overall.classIntervals!.brennanPrediger!;
    expect(bp.low).toBeLessThanOrEqual(0.8);
    expect(bp.high).toBeGreaterThanOrEqual(0.8);
    expect(overall.classIntervals!.kappa).not.toBeNull();
    expect(projectAgreement(skewedProject(), 'bbox').overall.classIntervals).toEqual(overall.classIntervals);
    expect(projectAgreement(skewedProject(), 'bbox', { bootstrap: false }).overall.classIntervals).toEqual({ kappa: null, ac1: null, brennanPrediger: null });
  });

  it('are undefined with one class only, and absent for transcripts', () => {
    const oneClass = projectAgreement([boxes(1, 1, [at(A, 3)]), boxes(1, 2, [at(A, 3)])], 'bbox').overall;
    expect(oneClass).toMatchObject({ classKappa: null, classAC1: null, classBrennanPrediger: null, commonestClassShare: 1 });
    const texts = projectAgreement([transcript(1, 1, 'hello'), transcript(1, 2, 'hello')], 'transcript').overall;
    expect(texts.classIntervals).toBeNull();
  });
});

describe('skewedClassNote', () => {
  it('says why AC1 and Brennan–Prediger are shown beside kappa when one class dominates', () => {
    const { overall } = projectAgreement(skewedProject(), 'bbox');
    const note = skewedClassNote(overall, overall.classIntervals);
    expect(note).toMatch(
      /^One class holds 95\.0% of the matched boxes' labels, so kappa \(-0\.05\) reads low even where labelers gave the same class 90\.0% of the time\./,
    );
    expect(note).toMatch(/Gwet's AC1 0\.89 \(95% interval \d\.\d\d–\d\.\d\d\) and Brennan–Prediger 0\.80 \(95% interval/);
  });

  it('says nothing when classes are balanced', () => {
    // Two classes, one box of each per sample, always the same class: the commonest holds half the labels.
    const balanced = Array.from({ length: 6 }, (_, s) => [1, 2].map((labeler) => boxes(s + 1, labeler, [at(A, 1), at(B, 2)]))).flat();
    const { overall } = projectAgreement(balanced, 'bbox');
    expect(overall.commonestClassShare).toBe(0.5);
    expect(skewedClassNote(overall, overall.classIntervals)).toBe('');
  });
});
