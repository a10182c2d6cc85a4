import { describe, expect, it } from 'vitest';
import { assignSplits, type SplitCandidate } from '../../../shared/dataset/splits';

const samples = (count: number, positives: number): SplitCandidate[] =>
  Array.from({ length: count }, (_, i) => ({ sampleId: i + 1, sha256: `h${i + 1}`, stratum: i < positives ? 'cat' : 'none' }));
const tally = (splits: Map<number, string>, ids: number[]) => ['train', 'dev', 'test'].map((split) => ids.filter((id) => splits.get(id) === split).length);

describe('stratified splits', () => {
  it('gives 30 positives among 100 samples 18/6/6 at 60/20/20, not a random draw', () => {
    const candidates = samples(100, 30);
    const splits = assignSplits(candidates, { ratios: [0.6, 0.2, 0.2], seed: 7 });
    const ids = candidates.map((c) => c.sampleId);
    expect(tally(splits, ids.slice(0, 30))).toEqual([18, 6, 6]);
    expect(tally(splits, ids.slice(30))).toEqual([42, 14, 14]);
  });

  it('is the same for a seed, differs for another, and rounds by largest remainder', () => {
    const candidates = samples(10, 5);
    const first = assignSplits(candidates, { ratios: [0.8, 0.1, 0.1], seed: 1 });
    expect(assignSplits([...candidates].reverse(), { ratios: [0.8, 0.1, 0.1], seed: 1 })).toEqual(first);
    expect(assignSplits(candidates, { ratios: [0.8, 0.1, 0.1], seed: 2 })).not.toEqual(first);
    // 5 × (0.8, 0.1, 0.1) = 4, 0.5, 0.5: the remainder goes to dev.
    expect(tally(first, [1, 2, 3, 4, 5])).toEqual([4, 1, 0]);
  });

  it('never puts exact duplicates in two splits', () => {
    const candidates = Array.from({ length: 60 }, (_, i) => ({ sampleId: i + 1, sha256: `h${i % 20}`, stratum: 'all' }));
    const splits = assignSplits(candidates, { ratios: [0.5, 0.25, 0.25], seed: 3 });
    for (let h = 0; h < 20; h++) {
      const placed = new Set(candidates.filter((c) => c.sha256 === `h${h}`).map((c) => splits.get(c.sampleId)));
      expect(placed.size).toBe(1);
    }
    expect(
      tally(
        splits,
        candidates.map((c) => c.sampleId),
      ),
    ).toEqual([30, 15, 15]);
  });

  it('keeps pinned samples in test, within its share', () => {
    const candidates = samples(20, 0);
    const splits = assignSplits(candidates, { ratios: [0.5, 0.25, 0.25], seed: 4, pinnedTest: new Set([1, 2, 3]) });
    expect([1, 2, 3].map((id) => splits.get(id))).toEqual(['test', 'test', 'test']);
    expect(
      tally(
        splits,
        candidates.map((c) => c.sampleId),
      ),
    ).toEqual([10, 5, 5]);
  });

  it('spreads strata too small to split (a sample each) over the splits by the ratios', () => {
    const candidates = Array.from({ length: 8 }, (_, i) => ({ sampleId: i + 1, sha256: `h${i}`, stratum: `class${i}` }));
    const splits = assignSplits(candidates, { ratios: [0.5, 0.25, 0.25], seed: 1 });
    expect(
      tally(
        splits,
        candidates.map((c) => c.sampleId),
      ),
    ).toEqual([4, 2, 2]);
  });

  it('refuses ratios that do not sum to 1', () => {
    expect(() => assignSplits(samples(3, 0), { ratios: [0.5, 0.5, 0.5], seed: 1 })).toThrow(/sum to 1/);
  });
});
