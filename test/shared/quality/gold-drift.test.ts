import { describe, expect, it } from 'vitest';
import { detectDrift } from '../../../shared/quality/drift';
import { withGoldDrift } from '../../../shared/quality/gold-drift';
import type { LabelerDrift } from '../../../shared/quality/team-drift';
import { goldScoresOf, simulateBoxLabeling } from '../../support/simulated-labelers';

const CHANGE = 200;

/** Labeler 1's agreement with an SME's gold labels over 300 checks, loosening from check 200 when `looseness` is given. */
function goldSeriesOfOne(seed: number, looseness?: number) {
  return goldScoresOf(simulateBoxLabeling({ samples: 300, labelers: 2, seed, ...(looseness === undefined ? {} : { driftFrom: CHANGE, looseness }) }));
}

describe('drift against gold on simulated box labeling', () => {
  it('flags a labeler whose agreement with gold falls after check 200 within 50 checks, pointing at the loose answers', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { flag } = detectDrift(goldSeriesOfOne(seed, 0.06));
      expect(flag, `seed ${seed}`).not.toBeNull();
      expect(flag!.alarmIndex, `seed ${seed}`).toBeGreaterThanOrEqual(CHANGE);
      expect(flag!.alarmIndex, `seed ${seed}`).toBeLessThan(CHANGE + 50);
      const loosened = flag!.samples.filter((point) => point.sampleId > CHANGE).length;
      expect(loosened / flag!.samples.length, `seed ${seed}`).toBeGreaterThan(0.8);
    }
  });

  it('rarely flags a labeler steady against gold: at most 2% of 200 histories of 300 checks', () => {
    let flagged = 0;
    for (let seed = 1000; seed < 1200; seed++) if (detectDrift(goldSeriesOfOne(seed)).flag) flagged++;
    expect(flagged / 200).toBeLessThanOrEqual(0.02);
  });
});

describe('withGoldDrift', () => {
  const steadyPeers = (labelerId: number): LabelerDrift => ({
    labelerId,
    report: detectDrift(Array.from({ length: 100 }, (_, i) => ({ at: i, sampleId: i + 1, score: 0.9 + (i % 2 ? 0.02 : -0.02) }))),
    explainedBy: [],
  });

  it('puts a labeler flagged against gold first even when their peer agreement is steady, and gives a labeler with no check no gold report', () => {
    const drift = withGoldDrift([steadyPeers(1), steadyPeers(2)], new Map([[2, goldSeriesOfOne(5, 0.06)]]));
    expect(drift.map((entry) => [entry.labelerId, entry.report.flag !== null, entry.gold?.flag != null])).toEqual([
      [2, false, true],
      [1, false, false],
    ]);
    expect(drift[1]!.gold).toBeNull();
  });

  it('reports a labeler who answered checks but shares no sample with a peer', () => {
    const [only] = withGoldDrift([], new Map([[7, goldSeriesOfOne(6)]]));
    expect(only!.labelerId).toBe(7);
    expect(only!.report.points).toHaveLength(0);
    expect(only!.gold!.points).toHaveLength(300);
  });
});
