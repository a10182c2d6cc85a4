import { describe, expect, it } from 'vitest';
import { AgreementLedger } from '../../../shared/agreement';
import { mulberry32 } from '../../../shared/assignment/prng';
import { detectDrift, type ScorePoint } from '../../../shared/quality/drift';
import { chartDrift, chartPackedDrift } from '../../../shared/quality/drift-chart';
import { withGoldDrift, withPackedGoldDrift } from '../../../shared/quality/gold-drift';
import { packReport, unpackReport } from '../../../shared/quality/packed-drift';
import { peerScoreColumns, type PeerScoreSource } from '../../../shared/quality/peer-scores';
import { teamDrift, teamDriftOf } from '../../../shared/quality/team-drift';
import { simulateBoxLabeling } from '../../support/simulated-labelers';

const HOUR_MS = 3_600_000;

/** Drift as the agreement worker reads it: the ledger's peer records (pair scores and submission times), no object per sample. */
function fromLedger(ledger: AgreementLedger) {
  return teamDriftOf({ forEachSample: (visit) => ledger.forEachPeerRecord(visit) });
}

/**
 * A random team: labeler 1 loosens from a random sample on, every answer submitted within a few
 * hours of its sample's turn (so the labelers' orders differ), some answers submitted again later.
 */
function randomProject(seed: number) {
  const random = mulberry32(seed);
  const samples = 300 + Math.floor(random() * 200);
  const simulated = simulateBoxLabeling({
    samples,
    labelers: 3 + Math.floor(random() * 2),
    driftFrom: Math.floor(samples * (0.4 + 0.4 * random())),
    looseness: 0.04 + 0.08 * random(),
    seed,
  });
  const answers = simulated.map((answer) => ({ ...answer, submittedAt: answer.submittedAt + Math.floor(random() * 4 * HOUR_MS) }));
  const last = Math.max(...answers.map((answer) => answer.submittedAt));
  const resubmitted = answers.map((answer) => (random() < 0.02 ? { ...answer, submittedAt: last + Math.floor(random() * 10 * HOUR_MS) } : answer));
  return { answers, resubmitted };
}

/** Gold checks for some labelers (one who shares no sample with a peer), at times among their answers, some on samples they also share. */
function randomGold(seed: number, labelers: readonly number[], span: number): Map<number, ScorePoint[]> {
  const random = mulberry32(seed);
  const gold = new Map<number, ScorePoint[]>();
  for (const labelerId of [...labelers.filter(() => random() < 0.7), 99]) {
    const drop = random() < 0.5 ? 0.15 : 0;
    const checks = 100 + Math.floor(random() * 100);
    gold.set(
      labelerId,
      // In time order, a check answered every span / checks; half the labelers fall a little from their 80th check on.
      Array.from({ length: checks }, (_, i) => ({
        at: Math.floor(((i + random()) / checks) * span),
        sampleId: random() < 0.3 ? 1 + Math.floor(random() * 300) : 10_000 + i,
        score: 0.9 - (i >= 80 ? drop : 0) + (random() - 0.5) * 0.1,
      })),
    );
  }
  return gold;
}

describe('drift from packed columns', () => {
  it("equals the object path on random projects: the ledger's peer records, flags, gold and those explained by others", () => {
    let explained = 0;
    let goldFlags = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const { answers, resubmitted } = randomProject(seed);
      const ledger = AgreementLedger.of('bbox', answers, { bootstrap: false });
      // Submitted again since the ledger was filled (later times), and one answer withdrawn: no point for it.
      const submissions = resubmitted.filter((answer) => !(answer.sampleId === 5 && answer.labelerId === 2));
      const changed = new Set([5, ...resubmitted.filter((answer, index) => answer !== answers[index]).map((answer) => answer.sampleId)]);
      for (const sampleId of changed)
        ledger.setSample(
          sampleId,
          submissions.filter((answer) => answer.sampleId === sampleId),
        );

      const packed = fromLedger(ledger);
      const objects = teamDrift(ledger.snapshot().perSample, submissions);
      expect(packed.map(({ report, ...labeler }) => ({ ...labeler, report: unpackReport(report) }))).toEqual(objects);
      const gold = randomGold(seed, [1, 2, 3], Math.max(...answers.map((answer) => answer.submittedAt)));
      const withGold = withGoldDrift(objects, gold);
      expect(chartPackedDrift(withPackedGoldDrift(packed, gold))).toEqual(chartDrift(withGold));
      explained += objects.filter((labeler) => labeler.explainedBy.length > 0).length;
      goldFlags += withGold.filter((labeler) => labeler.gold?.flag).length;
    }
    // The random projects reached both rules: a fall explained by a confirmed labeler, and gold flags.
    expect(explained).toBeGreaterThan(0);
    expect(goldFlags).toBeGreaterThan(0);
  });

  it('packs and unpacks a report to the same report, its flagged samples by index', () => {
    const random = mulberry32(4);
    const points = Array.from({ length: 300 }, (_, i) => ({
      at: i * HOUR_MS,
      sampleId: 1 + ((i * 7) % 300),
      score: (i < 200 ? 0.9 : 0.75) + (random() - 0.5) * 0.1,
    }));
    const report = detectDrift(points);
    expect(report.flag!.samples.length).toBeGreaterThan(50);
    expect(unpackReport(packReport(report))).toEqual(report);
  });

  it('orders each series by time, ties by sample id, for whole and fractional times and a range too wide for one sort key', () => {
    const random = mulberry32(9);
    const orders = [
      { times: () => 1_700_000_000_000 + Math.floor(random() * 50) * HOUR_MS, what: 'whole milliseconds, many ties' },
      { times: (i: number) => 1_700_000_000_000 + i + random(), what: 'fractional' },
      { times: (i: number) => (i % 2 === 0 ? 0 : Number.MAX_SAFE_INTEGER - Math.floor(random() * 10)), what: 'too wide a range' },
    ];
    for (const { times, what } of orders) {
      // Two labelers on 400 samples visited in a shuffled order, each with their own time there.
      const samples = Array.from({ length: 400 }, (_, i) => ({ sampleId: 1 + i, at: [times(i), times(i)], score: random() }));
      samples.sort(() => random() - 0.5);
      const source: PeerScoreSource = {
        forEachSample: (visit) => samples.forEach(({ sampleId, at, score }) => visit(sampleId, 2, [1, 2, ...at, 1, 2, score])),
      };
      const columns = peerScoreColumns(source);
      for (const [labeler, index] of [
        [1, 0],
        [2, 1],
      ] as const) {
        const expected = [...samples].sort((x, y) => x.at[index]! - y.at[index]! || x.sampleId - y.sampleId);
        expect(Array.from(columns.get(labeler)!.sampleId), what).toEqual(expected.map((sample) => sample.sampleId));
        expect(Array.from(columns.get(labeler)!.at), what).toEqual(expected.map((sample) => sample.at[index]));
        expect(Array.from(columns.get(labeler)!.score), what).toEqual(expected.map((sample) => 1 - sample.score));
      }
    }
  });
});
