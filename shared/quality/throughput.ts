import { weekLabel, weekOf } from '../agreement/sample-entry';

const DAY_MS = 86_400_000;
/** Slowest samples kept per labeler. */
const SLOWEST = 5;

/** One labeler's annotation of one sample that they have submitted at least once. */
export interface SubmittedWork {
  labelerId: number;
  sampleId: number;
  /** When they first submitted it (a resubmission is not new work). */
  firstSubmittedAt: number;
  /** Active time on the sample over every visit; 0 when not measured (imported labels). */
  timeSpentMs: number;
}

export interface LabelerThroughput {
  labelerId: number;
  /** Samples submitted. */
  submitted: number;
  /** Samples first submitted on each UTC day (`YYYY-MM-DD`), days with none left out, by day. */
  perDay: { day: string; samples: number }[];
  /** The same per UTC week (its Monday). */
  perWeek: { week: string; samples: number }[];
  /** Samples with a measured time (> 0): the median and p90 below rest on these. */
  timed: number;
  /** Median active time per sample (nearest rank); null when none was timed. */
  medianMs: number | null;
  /** 90th percentile (nearest rank): the slow end without the single slowest outlier. */
  p90Ms: number | null;
  /** The most time-consuming samples, slowest first. */
  slowest: { sampleId: number; timeSpentMs: number }[];
}

/**
 * Each labeler's throughput (samples submitted per day and week) and time per sample, by
 * labeler id. Time comes from the time-spent counter of each annotation (active time in the
 * editor, summed over visits); samples with no measured time count as submitted but not timed.
 * @example
 * throughput([{ labelerId: 1, sampleId: 1, firstSubmittedAt: 0, timeSpentMs: 30_000 }])[0]!.medianMs // 30000
 */
export function throughput(work: readonly SubmittedWork[]): LabelerThroughput[] {
  const byLabeler = new Map<number, SubmittedWork[]>();
  for (const item of work) {
    const list = byLabeler.get(item.labelerId) ?? [];
    list.push(item);
    byLabeler.set(item.labelerId, list);
  }
  return [...byLabeler]
    .sort(([x], [y]) => x - y)
    .map(([labelerId, items]) => {
      const times = items.filter((item) => item.timeSpentMs > 0).sort((x, y) => y.timeSpentMs - x.timeSpentMs || x.sampleId - y.sampleId);
      const ascending = times.map((item) => item.timeSpentMs).reverse();
      return {
        labelerId,
        submitted: items.length,
        perDay: counted(items, (at) => new Date(Math.floor(at / DAY_MS) * DAY_MS).toISOString().slice(0, 10)).map(([day, samples]) => ({ day, samples })),
        perWeek: counted(items, (at) => weekLabel(weekOf(at))).map(([week, samples]) => ({ week, samples })),
        timed: times.length,
        medianMs: nearestRank(ascending, 0.5),
        p90Ms: nearestRank(ascending, 0.9),
        slowest: times.slice(0, SLOWEST).map(({ sampleId, timeSpentMs }) => ({ sampleId, timeSpentMs })),
      };
    });
}

/** The value at rank ⌈q·n⌉ of sorted `values` (nearest-rank percentile); null for none. */
function nearestRank(values: readonly number[], q: number): number | null {
  return values.length === 0 ? null : values[Math.max(0, Math.ceil(q * values.length) - 1)]!;
}

function counted(items: readonly SubmittedWork[], keyOf: (at: number) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) {
    const key = keyOf(item.firstSubmittedAt);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}
