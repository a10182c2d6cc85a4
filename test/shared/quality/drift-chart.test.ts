import { describe, expect, it } from 'vitest';
import { AgreementLedger } from '../../../shared/agreement';
import { mulberry32 } from '../../../shared/assignment/prng';
import { detectDrift, type ScorePoint } from '../../../shared/quality/drift';
import { chartDrift, CURVE_POINTS, FLAG_SAMPLES_NAMED } from '../../../shared/quality/drift-chart';
import { withGoldDrift } from '../../../shared/quality/gold-drift';
import { teamDrift } from '../../../shared/quality/team-drift';
import { simulateBoxLabeling } from '../../support/simulated-labelers';

const MINUTE_MS = 60_000;

/** A labeler's history of `length` samples, a minute apart: scores around `before` (± 0.05), then around `after` from sample `change` on. */
function history(length: number, change: number, before: number, after: number, seed: number): ScorePoint[] {
  const random = mulberry32(seed);
  return Array.from({ length }, (_, i) => ({ at: i * MINUTE_MS, sampleId: i + 1, score: (i < change ? before : after) + (random() - 0.5) * 0.1 }));
}

/** The labeler's report as the whole computation gives it, with no gold. */
function alone(points: readonly ScorePoint[]) {
  return { labelerId: 1, explainedBy: [], report: detectDrift(points), gold: null };
}

describe('chartDrift', () => {
  it('draws a short history whole: every point at its own place, each standing for itself', () => {
    const answers = simulateBoxLabeling({ samples: 160, labelers: 3, driftFrom: 100, looseness: 0.06, seed: 3 });
    const reports = withGoldDrift(teamDrift(AgreementLedger.of('bbox', answers, { bootstrap: false }).snapshot().perSample, answers), new Map());
    const charts = chartDrift(reports);
    expect(charts.map((chart) => chart.labelerId)).toEqual(reports.map((labeler) => labeler.labelerId));
    for (const [index, chart] of charts.entries()) {
      const { report } = reports[index]!;
      expect(chart.samples).toBe(160);
      expect(chart.report.curve).toEqual(
        report.points.map((point, i) => ({ sample: i + 1, sampleId: point.sampleId, ewma: point.ewma, samples: 1, mean: point.score })),
      );
      expect(chart.report.band).toEqual(report.band);
      expect(chart.report.byWeek).toEqual(report.byWeek);
    }
    // Labeler 1 loosened: her flag names the lowest of the samples behind it and counts them all.
    const { flag } = reports.find((labeler) => labeler.labelerId === 1)!.report;
    const charted = charts.find((chart) => chart.labelerId === 1)!.report.flag!;
    expect(charted).toEqual({
      alarmIndex: flag!.alarmIndex,
      startIndex: flag!.startIndex,
      startSample: flag!.startIndex + 1,
      recentMean: flag!.recentMean,
      behind: flag!.samples.length,
      lowest: flag!.samples.slice(0, FLAG_SAMPLES_NAMED),
    });
    expect(flag!.samples.length).toBeGreaterThan(FLAG_SAMPLES_NAMED);
  });

  it('keeps a curve to a bounded number of points whatever its length, counting every sample once', () => {
    const bytes = new Map<number, number>();
    for (const length of [CURVE_POINTS, CURVE_POINTS + 1, 1_000, 100_000]) {
      const points = history(length, length, 0.9, 0.9, length);
      const charts = chartDrift([alone(points)]);
      bytes.set(length, JSON.stringify(charts).length);
      const { curve } = charts[0]!.report;
      expect(curve.length, `${length}`).toBeLessThanOrEqual(CURVE_POINTS + 1);
      expect(
        curve.reduce((sum, point) => sum + point.samples, 0),
        `${length}`,
      ).toBe(length);
      // The first and the last sample are drawn, the others evenly between.
      expect(curve[0]!.sample).toBe(1);
      expect(curve.at(-1)!.sample).toBe(length);
      const means = curve.reduce((sum, point) => sum + point.mean * point.samples, 0);
      expect(means / length).toBeCloseTo(points.reduce((sum, point) => sum + point.score, 0) / length, 10);
    }
    // 100,000 samples take about the room of a thousand (the rest is their ten weeks against one, and longer numbers).
    expect(bytes.get(100_000)!).toBeLessThan(1.5 * bytes.get(1_000)!);
  });

  it('keeps the trend of a labeler who drifts late in a long history, and where the fall began', () => {
    const points = history(100_000, 80_000, 0.9, 0.8, 7);
    const full = detectDrift(points);
    const { report } = chartDrift([alone(points)])[0]!;
    expect(report.points).toBe(100_000);
    // Steady in their band before the change; below it after, where the flag begins.
    const before = report.curve.filter((point) => point.sample <= 80_000);
    const after = report.curve.filter((point) => point.sample > 80_100);
    expect(before.every((point) => point.ewma > full.band!.lower)).toBe(true);
    expect(after.every((point) => point.ewma < full.band!.lower)).toBe(true);
    expect(after.every((point) => Math.abs(point.mean - 0.8) < 0.01)).toBe(true);
    expect(before.slice(1).every((point) => Math.abs(point.mean - 0.9) < 0.01)).toBe(true);
    expect(report.flag!.startSample).toBeGreaterThan(79_900);
    expect(report.flag!.startSample).toBeLessThanOrEqual(80_100);
    expect(report.flag!.behind).toBe(full.flag!.samples.length);
    expect(report.flag!.lowest).toHaveLength(FLAG_SAMPLES_NAMED);
    expect(report.flag!.lowest.every((point) => point.sampleId > 80_000)).toBe(true);
  });

  it("places peer and gold points on one axis: each sample's rank in time among every sample either curve reads", () => {
    const random = mulberry32(11);
    // 200 shared samples and 60 checks at random times among them, a third of the checks on samples the labeler also shares.
    const peer = Array.from({ length: 200 }, (_, i) => ({ at: Math.floor(random() * 1e6), sampleId: i + 1, score: 0.9 }));
    const gold = Array.from({ length: 60 }, (_, i) => ({
      at: Math.floor(random() * 1e6),
      sampleId: i % 3 === 0 ? 1 + Math.floor(random() * 200) : 1000 + i,
      score: 0.8,
    }));
    const [chart] = chartDrift([{ labelerId: 1, explainedBy: [], report: detectDrift(peer), gold: detectDrift(gold) }]);
    // The rank of each sample's first appearance, in time order (ties by sample id).
    const all = [...peer, ...gold].sort((x, y) => x.at - y.at || x.sampleId - y.sampleId);
    const rank = new Map<number, number>();
    for (const point of all) if (!rank.has(point.sampleId)) rank.set(point.sampleId, rank.size + 1);
    expect(chart!.samples).toBe(rank.size);
    // Every point is drawn at these sizes, so every one can be checked.
    expect(chart!.report.curve.map((point) => point.sample)).toEqual(detectDrift(peer).points.map((point) => rank.get(point.sampleId)));
    expect(chart!.gold!.curve.map((point) => point.sample)).toEqual(detectDrift(gold).points.map((point) => rank.get(point.sampleId)));
  });
});
