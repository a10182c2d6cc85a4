/** Dataset options for tests: half to train on, a quarter each to dev and test; every sample with a label is in. */
export const SPLITS = {
  ratios: [0.5, 0.25, 0.25] as [number, number, number],
  seed: 1,
  minAgreement: 0,
  unresolved: 'flag' as const,
  stratifyTags: [],
  pinTestFrom: null,
};

/**
 * The same options split by another seed, for tests whose expectations follow that split.
 * @example await host.ok('datasets.create', seededSplits(3));
 */
export function seededSplits(seed: number): typeof SPLITS {
  return { ...SPLITS, seed };
}
