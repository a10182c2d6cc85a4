import { byTime, detectDrift, detectDriftIn, type DriftOptions, type DriftReport, type ScorePoint } from './drift';
import { scoreColumnsOf, type PackedDriftReport, type PackedLabelerDrift } from './packed-drift';
import type { LabelerDrift } from './team-drift';

/** One labeler's agreement over time with peers and with gold, each against a band of its own. */
export interface LabelerQualityDrift extends LabelerDrift {
  /** Their agreement with the gold checks they answered, one point per check; null when they answered none. */
  gold: DriftReport | null;
}

/** A {@link LabelerQualityDrift} with both reports packed. */
export interface PackedLabelerQualityDrift extends PackedLabelerDrift {
  gold: PackedDriftReport | null;
}

/**
 * Adds each labeler's drift against gold to their drift against peers, flagged by the same
 * detector ({@link detectDrift}) with a band from their own first checks: gold does not move
 * when a colleague does, so a gold flag needs no "who moved" test and stands on its own. Those
 * flagged either way come first (lowest recent agreement first), then by labeler id; a labeler
 * who answered checks but shares no sample with a peer gets an empty peer report.
 * @example
 * withGoldDrift(teamDrift(perSample, submissions), new Map([[ana, goldScoreSeries(anaGold)]]))[0]?.gold?.flag
 */
export function withGoldDrift(
  peers: readonly LabelerDrift[],
  goldSeries: ReadonlyMap<number, readonly ScorePoint[]>,
  options: DriftOptions = {},
): LabelerQualityDrift[] {
  return withGold(peers, goldSeries, (series) => detectDrift(series, options));
}

/** {@link withGoldDrift} of packed peer reports (see `teamDriftOf`), the gold reports packed too. */
export function withPackedGoldDrift(
  peers: readonly PackedLabelerDrift[],
  goldSeries: ReadonlyMap<number, readonly ScorePoint[]>,
  options: DriftOptions = {},
): PackedLabelerQualityDrift[] {
  return withGold(peers, goldSeries, (series) => detectDriftIn(scoreColumnsOf([...series].sort(byTime)), options));
}

/** What {@link withGoldDrift} reads of a report: its flag's recent mean. */
type Flagged = { flag: { recentMean: number } | null };

/** What {@link withGoldDrift} orders labelers by: their flags, then their ids. */
type Ranked = { labelerId: number; report: Flagged; gold: Flagged | null };

function withGold<Report extends Flagged>(
  peers: readonly { labelerId: number; report: Report; explainedBy: number[] }[],
  goldSeries: ReadonlyMap<number, readonly ScorePoint[]>,
  detect: (series: readonly ScorePoint[]) => Report,
): { labelerId: number; report: Report; explainedBy: number[]; gold: Report | null }[] {
  const byLabeler = new Map(peers.map((entry) => [entry.labelerId, entry]));
  const labelerIds = new Set([...byLabeler.keys(), ...goldSeries.keys()]);
  return [...labelerIds]
    .map((labelerId) => {
      const peer = byLabeler.get(labelerId) ?? { labelerId, report: detect([]), explainedBy: [] };
      const gold = goldSeries.get(labelerId);
      return { ...peer, gold: gold && gold.length > 0 ? detect(gold) : null };
    })
    .sort(byAnyFlag);
}

/** The lowest recent mean of a labeler's standing flags, or null when neither curve is flagged. */
function worstFlag(entry: Ranked): number | null {
  const means = [entry.report.flag, entry.gold?.flag].flatMap((flag) => (flag ? [flag.recentMean] : []));
  return means.length > 0 ? Math.min(...means) : null;
}

function byAnyFlag(x: Ranked, y: Ranked): number {
  const flagX = worstFlag(x);
  const flagY = worstFlag(y);
  if (flagX !== null && flagY !== null) return flagX - flagY || x.labelerId - y.labelerId;
  if (flagX !== null || flagY !== null) return flagX !== null ? -1 : 1;
  return x.labelerId - y.labelerId;
}
