/** One evaluated sample: its slice tags and how right the model was (1/0, or 1 − WER). */
export interface EvaluatedSample {
  sampleId: number;
  tags: readonly string[];
  score: number;
}

export interface SliceRow {
  slice: string;
  samples: number;
  /** Mean score of the model on the slice. */
  accuracy: number;
  /** Human-level performance on the slice (agreement between labelers); `null` when unmeasured. */
  hlp: number | null;
  /** max(0, hlp − accuracy); `null` without HLP. */
  gap: number | null;
  /** The slice's share of all evaluated samples. */
  share: number;
  /** gap × share: the most overall accuracy that closing the gap on this slice can add. */
  potentialGain: number | null;
}

/**
 * Error analysis by slice, one row per tag (and `all`), sorted by potential gain: where effort
 * pays most. A slice 4 points under HLP holding 4% of the data can add at most
 * 0.04 × 0.04 = 0.16 points overall; one 1 point under holding 60% can add 0.6.
 * @example sliceTable(samples, new Map([['noisy', 0.9]]))[0].slice // the slice with the largest gap × share
 */
export function sliceTable(samples: readonly EvaluatedSample[], hlp: ReadonlyMap<string, number | null>): SliceRow[] {
  const total = samples.length;
  if (total === 0) return [];
  const slices = new Map<string, EvaluatedSample[]>([['all', [...samples]]]);
  for (const sample of samples) {
    // The row `all` is every sample; a tag that happens to be called so is not a slice of its own.
    for (const tag of new Set(sample.tags)) {
      if (tag === 'all') continue;
      let list = slices.get(tag);
      if (!list) slices.set(tag, (list = []));
      list.push(sample);
    }
  }
  const rows = [...slices].map(([slice, members]): SliceRow => {
    const accuracy = members.reduce((sum, s) => sum + s.score, 0) / members.length;
    const human = hlp.get(slice) ?? null;
    const gap = human === null ? null : Math.max(0, human - accuracy);
    const share = members.length / total;
    return { slice, samples: members.length, accuracy, hlp: human, gap, share, potentialGain: gap === null ? null : gap * share };
  });
  return rows.sort((x, y) => (y.potentialGain ?? -1) - (x.potentialGain ?? -1) || (x.slice < y.slice ? -1 : 1));
}
