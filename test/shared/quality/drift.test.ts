import { describe, expect, it } from 'vitest';
import { detectDrift, type ScorePoint } from '../../../shared/quality/drift';
import { peerAgreementSeries } from '../../../shared/quality/peer-scores';
import { peerScoresOf, simulateBoxLabeling } from '../../support/simulated-labelers';

const DAY_MS = 86_400_000;
const CHANGE = 200;

/** Labeler 1's per-sample agreement with two steady peers, from the project's own agreement ledger. */
function labelerOne(seed: number, looseness?: number): ScorePoint[] {
  const team = { samples: 300, labelers: 3, seed, ...(looseness === undefined ? {} : { driftFrom: CHANGE, looseness }) };
  return peerScoresOf(simulateBoxLabeling(team)).get(1)!;
}

describe('detectDrift on simulated box labeling', () => {
  it('flags a labeler who starts loosening boxes after sample 200 within 50 samples, pointing at the loose answers', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { flag } = detectDrift(labelerOne(seed, 0.06));
      expect(flag, `seed ${seed}`).not.toBeNull();
      expect(flag!.alarmIndex, `seed ${seed}`).toBeGreaterThanOrEqual(CHANGE);
      expect(flag!.alarmIndex, `seed ${seed}`).toBeLessThan(CHANGE + 50);
      // The samples behind the flag are the loosened ones (the fall may begin a few samples early by chance).
      const loosened = flag!.samples.filter((point) => point.sampleId > CHANGE).length;
      expect(loosened / flag!.samples.length, `seed ${seed}`).toBeGreaterThan(0.8);
      expect(flag!.samples.length).toBeGreaterThanOrEqual(300 - CHANGE - 10);
    }
  });

  it('rarely flags a steady labeler: at most 2% of 200 histories of 300 samples', () => {
    let flagged = 0;
    for (let seed = 1000; seed < 1200; seed++) if (detectDrift(labelerOne(seed)).flag) flagged++;
    expect(flagged / 200).toBeLessThanOrEqual(0.02);
  });

  it('the loosening shows in the curve: agreement by count falls after the change and the EWMA ends below the band', () => {
    const report = detectDrift(labelerOne(7, 0.06));
    const before = report.byCount.filter((block) => block.from + block.samples <= CHANGE);
    const after = report.byCount.filter((block) => block.from >= CHANGE);
    expect(Math.max(...after.map((block) => block.mean))).toBeLessThan(Math.min(...before.map((block) => block.mean)));
    expect(report.points.at(-1)!.ewma).toBeLessThan(report.band!.lower);
  });
});

describe('detectDrift', () => {
  const steadyThenDrop = (n: number, dropFrom: number): ScorePoint[] =>
    Array.from({ length: n }, (_, i) => ({
      at: Date.UTC(2026, 10, 2) + i * DAY_MS,
      sampleId: i + 1,
      score: (i < dropFrom ? 0.9 : 0.7) + (i % 2 ? 0.02 : -0.02),
    }));

  it('gives no band and no flag before the baseline is full', () => {
    const report = detectDrift(steadyThenDrop(59, 30));
    expect(report.band).toBeNull();
    expect(report.flag).toBeNull();
    expect(report.points).toHaveLength(59);
  });

  it('clears the flag once the labeler is back at their own mean', () => {
    const dropped = steadyThenDrop(100, 70);
    expect(detectDrift(dropped).flag).not.toBeNull();
    const recovered = [...dropped, ...Array.from({ length: 40 }, (_, i) => ({ at: dropped.at(-1)!.at + (i + 1) * DAY_MS, sampleId: 101 + i, score: 0.92 }))];
    expect(detectDrift(recovered).flag).toBeNull();
  });

  it('never flags rising agreement, and a labeler who always agreed perfectly gets a band', () => {
    const rising = Array.from({ length: 120 }, (_, i) => ({ at: i, sampleId: i + 1, score: i < 60 ? 0.7 : 0.95 }));
    expect(detectDrift(rising).flag).toBeNull();
    const perfect = Array.from({ length: 120 }, (_, i) => ({ at: i, sampleId: i + 1, score: i < 100 ? 1 : 0.9 }));
    expect(detectDrift(perfect).band!.sigma).toBeGreaterThan(0);
    expect(detectDrift(perfect).flag?.startIndex).toBe(100);
  });

  it('averages by UTC week and by blocks of samples, in time order whatever the input order', () => {
    const monday = Date.UTC(2026, 10, 2);
    const points = [
      { at: monday + 8 * DAY_MS, sampleId: 3, score: 0.5 },
      { at: monday, sampleId: 1, score: 1 },
      { at: monday + DAY_MS, sampleId: 2, score: 0.8 },
    ];
    const report = detectDrift(points, { block: 2 });
    expect(report.points.map((point) => point.sampleId)).toEqual([1, 2, 3]);
    expect(report.byWeek).toEqual([
      { week: '2026-11-02', samples: 2, mean: 0.9 },
      { week: '2026-11-09', samples: 1, mean: 0.5 },
    ]);
    expect(report.byCount).toEqual([
      { from: 0, samples: 2, mean: 0.9 },
      { from: 2, samples: 1, mean: 0.5 },
    ]);
  });
});

describe('peerAgreementSeries', () => {
  it('scores each labeler by their own pairs on a sample, dated by their latest submission', () => {
    const perSample = [
      {
        sampleId: 5,
        pairScores: [
          { labelerA: 1, labelerB: 2, score: 0.2 },
          { labelerA: 1, labelerB: 3, score: 0.4 },
          { labelerA: 2, labelerB: 3, score: 0 },
        ],
      },
    ];
    const submissions = [
      { sampleId: 5, labelerId: 1, submittedAt: 10 },
      { sampleId: 5, labelerId: 1, submittedAt: 30 },
      { sampleId: 5, labelerId: 2, submittedAt: 20 },
    ];
    const series = peerAgreementSeries(perSample, submissions);
    expect(series.get(1)).toEqual([{ at: 30, sampleId: 5, score: expect.closeTo(0.7, 10) }]);
    expect(series.get(2)).toEqual([{ at: 20, sampleId: 5, score: expect.closeTo(0.9, 10) }]);
    // Labeler 3's answer is no longer submitted: no point for them.
    expect(series.has(3)).toBe(false);
  });
});
