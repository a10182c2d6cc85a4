import { describe, expect, it } from 'vitest';
import { projectAgreement, skewedClassNote } from '../../../shared/agreement';
import { ClassConfusionTable, classCoefficients, SKEWED_CLASS_SHARE } from '../../../shared/agreement/class-agreement';
import { confusionKey } from '../../../shared/agreement/pool';
import { agreementCoefficients } from '../../../shared/metrics/agreement-coefficients';
import { cohenKappa } from '../../../shared/metrics/cohen-kappa';
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

describe('ClassConfusionTable', () => {
  /** A seeded stream of numbers in [0, 1). */
  function randomStream(seed: number): () => number {
    let state = seed;
    return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  }

  it("gives each confusion over its keys the coefficients of that confusion's pairs, rated one by one", () => {
    const random = randomStream(3);
    for (let trial = 0; trial < 30; trial++) {
      // Classes 1–5, some pairs of them as keys; each confusion counts some of the keys, zero or fewer meaning none.
      const keys = [
        ...new Set(Array.from({ length: 2 + Math.floor(random() * 8) }, () => confusionKey(1 + Math.floor(random() * 5), 1 + Math.floor(random() * 5)))),
      ];
      const alsoCounted = random() < 0.5 ? [6] : [];
      const table = new ClassConfusionTable(keys, alsoCounted);
      for (let confusion = 0; confusion < 5; confusion++) {
        const counts = keys.map(() => (random() < 0.3 ? (random() < 0.5 ? 0 : -1) : 1 + Math.floor(random() * 6)));
        // The same confusion as two labelers' ratings of each matched pair: the references' input.
        const first: number[] = [];
        const second: number[] = [];
        keys.forEach((key, i) => {
          for (let pair = 0; pair < counts[i]!; pair++) {
            first.push(Math.floor(key / 2 ** 26));
            second.push(key % 2 ** 26);
          }
        });
        const got = table.coefficients(counts);
        if (first.length === 0) {
          expect(got).toEqual({ kappa: null, ac1: null, brennanPrediger: null, commonestShare: null });
          continue;
        }
        const categories = [...new Set([...first, ...second, ...alsoCounted])];
        const reference = agreementCoefficients([first, second], { categories, bootstrap: false });
        const kappa = cohenKappa(first, second).value;
        expect(got.kappa === null).toBe(kappa === null);
        if (kappa !== null) expect(got.kappa).toBeCloseTo(kappa, 12);
        expect(got.ac1 === null).toBe(reference.gwet.value === null);
        if (reference.gwet.value !== null) expect(got.ac1).toBeCloseTo(reference.gwet.value, 12);
        expect(got.brennanPrediger).toBeCloseTo(reference.brennanPrediger.value!, 12);
        const labels = [...first, ...second];
        expect(got.commonestShare).toBe(Math.max(...categories.map((c) => labels.filter((label) => label === c).length)) / labels.length);
        // One confusion alone, as a map without the keys it does not count: the same figures.
        expect(classCoefficients(new Map(keys.map((key, i) => [key, counts[i]!] as const).filter(([, count]) => count > 0)), alsoCounted)).toEqual(got);
      }
    }
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
