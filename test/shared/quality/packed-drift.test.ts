import { describe, expect, it } from 'vitest';
import { AgreementLedger } from '../../../shared/agreement';
import { packDrift, unpackDrift } from '../../../shared/quality/packed-drift';
import { SubmissionTimes, packSubmissions } from '../../../shared/quality/submission-times';
import { teamDrift } from '../../../shared/quality/team-drift';
import { simulateBoxLabeling } from '../../support/simulated-labelers';

describe('drift as it crosses from the agreement worker', () => {
  const answers = simulateBoxLabeling({ samples: 160, labelers: 3, driftFrom: 100, looseness: 0.06, seed: 3 });
  const ledger = AgreementLedger.of('bbox', answers, { bootstrap: false });

  it('unpacks to the reports it packed, the flagged samples included', () => {
    const reports = teamDrift(ledger.snapshot().perSample, answers);
    expect(reports.some((labeler) => (labeler.report.flag?.samples.length ?? 0) > 0)).toBe(true);
    const packed = packDrift(reports);
    expect(packed.labelers.every((labeler) => labeler.report.points.length === 0)).toBe(true);
    expect(unpackDrift(packed)).toEqual(reports);
  });

  it("drifts from the ledger's pair scores and the kept times as from the snapshot, a resubmission's later time counting", () => {
    const times = SubmissionTimes.unpack(packSubmissions(answers));
    // Labeler 2 submits sample 7 again, a day after everyone else's last answer.
    const later = Math.max(...answers.map((answer) => answer.submittedAt)) + 86_400_000;
    const resubmitted = answers.map((answer) => (answer.sampleId === 7 && answer.labelerId === 2 ? { ...answer, submittedAt: later } : answer));
    times.setSample(
      7,
      resubmitted.filter((answer) => answer.sampleId === 7),
    );
    expect(teamDrift(ledger.pairScores(), times.list())).toEqual(teamDrift(ledger.snapshot().perSample, resubmitted));
    expect(
      teamDrift(ledger.pairScores(), times.list())
        .find((labeler) => labeler.labelerId === 2)!
        .report.points.at(-1)!.sampleId,
    ).toBe(7);
  });

  it('refuses packed times that are not triples', () => {
    expect(() => SubmissionTimes.unpack(new Float64Array(4))).toThrow(/not triples/);
  });
});
