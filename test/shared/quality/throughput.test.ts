import { describe, expect, it } from 'vitest';
import { throughput } from '../../../shared/quality/throughput';

const MONDAY = Date.UTC(2026, 10, 2);
const DAY_MS = 86_400_000;

describe('throughput', () => {
  it('counts samples per day and week and takes median and p90 of the measured times', () => {
    // Ten samples over two weeks, 10 s … 100 s; one more imported without a measured time.
    const work = Array.from({ length: 10 }, (_, i) => ({
      labelerId: 2,
      sampleId: i + 1,
      firstSubmittedAt: MONDAY + (i < 6 ? 0 : 7) * DAY_MS + i * 1000,
      timeSpentMs: (i + 1) * 10_000,
    }));
    work.push({ labelerId: 2, sampleId: 11, firstSubmittedAt: MONDAY + 8 * DAY_MS, timeSpentMs: 0 });
    work.push({ labelerId: 1, sampleId: 1, firstSubmittedAt: MONDAY, timeSpentMs: 5000 });
    const [first, second] = throughput(work);
    expect(first!.labelerId).toBe(1);
    expect(second).toMatchObject({
      labelerId: 2,
      submitted: 11,
      perDay: [
        { day: '2026-11-02', samples: 6 },
        { day: '2026-11-09', samples: 4 },
        { day: '2026-11-10', samples: 1 },
      ],
      perWeek: [
        { week: '2026-11-02', samples: 6 },
        { week: '2026-11-09', samples: 5 },
      ],
      timed: 10,
      // Nearest rank: the 5th and 9th of ten sorted times.
      medianMs: 50_000,
      p90Ms: 90_000,
    });
    expect(second!.slowest).toEqual([
      { sampleId: 10, timeSpentMs: 100_000 },
      { sampleId: 9, timeSpentMs: 90_000 },
      { sampleId: 8, timeSpentMs: 80_000 },
      { sampleId: 7, timeSpentMs: 70_000 },
      { sampleId: 6, timeSpentMs: 60_000 },
    ]);
  });

  it('says nothing about time when no sample was timed', () => {
    const [only] = throughput([{ labelerId: 1, sampleId: 1, firstSubmittedAt: MONDAY, timeSpentMs: 0 }]);
    expect(only).toMatchObject({ submitted: 1, timed: 0, medianMs: null, p90Ms: null, slowest: [] });
  });
});
