export interface ConsensusOptions {
  /** Least IoU for boxes of different labelers to be one object; default 0.5. */
  iouThreshold?: number;
  /** Weight of each labeler's vote and coordinates (e.g. their agreement with the others); default 1 each. */
  weights?: ReadonlyMap<number, number>;
}

export function weightOf(options: ConsensusOptions, labelerId: number): number {
  return options.weights?.get(labelerId) ?? 1;
}

/** Tags given by more than half of the labelers, in first-seen order. */
export function majorityTags(tagLists: readonly (readonly string[])[]): string[] {
  const counts = new Map<string, number>();
  for (const tags of tagLists) for (const tag of new Set(tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > tagLists.length / 2).map(([tag]) => tag);
}
