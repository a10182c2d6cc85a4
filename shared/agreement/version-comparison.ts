import { pairedDifference } from '../metrics/paired-bootstrap';
import type { BootstrapOptions } from '../metrics/poisson-bootstrap';
import type { Measure } from './measure';
import type { Contribution } from './pool';
import type { AgreementFigure, VersionComparison } from './types';

/** A sample's contributions by guideline version (its key), of the samples compared under two versions or more. */
export interface SampleVersions {
  sampleId: number;
  versions: ReadonlyMap<string, Contribution>;
}

/**
 * Each guideline version against the one before it (of `versions`, those with comparisons), on
 * the samples answered under both: the two figures over those samples only, their difference
 * `to − from`, and a paired bootstrap interval of it (each resample weighs a sample the same
 * under both versions). Like with like: a version's own figure may rest on other, easier samples.
 */
export function compareVersions(
  byVersion: readonly SampleVersions[],
  versions: readonly number[],
  measure: Measure<unknown, AgreementFigure>,
  bootstrap: BootstrapOptions | false,
): VersionComparison[] {
  return versions.slice(1).map((to, i) => {
    const from = versions[i]!;
    const shared = byVersion.flatMap(({ sampleId, versions: contributions }) => {
      const before = contributions.get(String(from));
      const after = contributions.get(String(to));
      return before && after ? [{ sampleId, before, after }] : [];
    });
    const figureOf = (side: 'before' | 'after'): AgreementFigure => {
      const counts = new Float64Array(measure.width);
      const confusion = new Map<number, number>();
      let comparisons = 0;
      for (const sample of shared) comparisons += addInto(counts, confusion, sample[side]);
      return measure.figure(counts, comparisons, shared.length, confusion);
    };
    const paired = pairedDifference(
      shared.map((s) => ({ id: s.sampleId, before: s.before.counts, after: s.after.counts })),
      (counts) => measure.figure(counts, 0, 0).value,
      bootstrap,
    );
    return { from, to, samples: shared.length, before: figureOf('before'), after: figureOf('after'), difference: paired.difference, interval: paired.interval };
  });
}

/** Adds a contribution's counts and confusion; returns its comparisons. */
function addInto(counts: Float64Array, confusion: Map<number, number>, contribution: Contribution): number {
  for (let k = 0; k < counts.length; k++) counts[k]! += contribution.counts[k]!;
  for (const [key, count] of contribution.confusion) confusion.set(key, (confusion.get(key) ?? 0) + count);
  return contribution.comparisons;
}
