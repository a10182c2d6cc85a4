import { FEW_SAMPLES, fewSamplesNote, intervalText, percent, type AgreementDashboard, type VersionComparison } from '../../shared/agreement';
import { countOf } from '../../shared/text/plural';
import { FigureTable } from './FigureTable';

/** +4.2 pts, −1.0 pts. */
const points = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(1)} pts`;

/**
 * Agreement by guideline version: each version's own figure (with its tags and classes), and
 * beside it each version against the one before on the same samples, which is the figure that
 * says whether a revision worked. A figure resting on few samples says so, and why.
 */
export function VersionAgreement({ agreement, classNames }: { agreement: AgreementDashboard; classNames: ReadonlyMap<number, string> }) {
  const few = agreement.perGuidelineVersion.filter((v) => v.figure.samples < FEW_SAMPLES);
  return (
    <>
      <h2>By guideline version</h2>
      {agreement.versionComparisons.map((comparison) => (
        <PairedVersions key={comparison.to} comparison={comparison} />
      ))}
      <FigureTable
        label="Agreement by guideline version"
        rows={agreement.perGuidelineVersion.flatMap((v) => [
          {
            key: `v${v.key}`,
            name: `v${v.key}`,
            value: v.figure.value,
            detail: [countOf(v.figure.samples, 'sample'), intervalText(v.interval)].filter(Boolean).join(' · '),
            warn: v.figure.samples < FEW_SAMPLES,
          },
          ...agreement.perVersionAndTag
            .filter((t) => t.version === v.key)
            .map((t) => ({ key: `v${v.key}:${t.tag}`, name: `  v${v.key} · ${t.tag}`, value: t.figure.value, detail: countOf(t.figure.samples, 'sample') })),
          ...agreement.perVersionAndClass
            .filter((c) => c.version === v.key)
            .map((c) => ({
              key: `v${v.key}#${c.classId}`,
              name: `  v${v.key} · ${classNames.get(c.classId) ?? c.classId}`,
              value: c.figure.value,
              detail: countOf(c.figure.samples, 'sample'),
            })),
        ])}
      />
      {few.map((v) => (
        <p key={v.key} className="few-samples" data-testid="few-samples" data-version={v.key}>
          v{v.key}: {fewSamplesNote(v.figure.samples)}
        </p>
      ))}
    </>
  );
}

/** One version against the one before it, on the samples labeled under both. */
function PairedVersions({ comparison }: { comparison: VersionComparison }) {
  const { from, to, samples, before, after, difference, interval } = comparison;
  if (samples === 0) {
    return (
      <p className="version-comparison muted" data-testid="version-comparison" data-to={to} data-samples={0}>
        No sample has been labeled under both v{from} and v{to} yet: relabel some under v{to} to see whether the revision changed agreement.
      </p>
    );
  }
  return (
    <div className="version-comparison" data-testid="version-comparison" data-to={to} data-samples={samples}>
      <h3>
        v{from} → v{to} on the same {countOf(samples, 'sample')}
      </h3>
      <p className="version-comparison-figures">
        <strong>
          {percent(before.value)} → {percent(after.value)}
        </strong>
        {difference !== null && <span className={difference >= 0 ? 'gain' : 'loss'}> {points(difference)}</span>}
      </p>
      {interval && (
        <p className="muted">
          95% interval of the difference {points(interval.low)} to {points(interval.high)} (paired bootstrap: both versions on the same resampled samples).{' '}
          {samples >= FEW_SAMPLES && verdict(interval)}
        </p>
      )}
      {samples < FEW_SAMPLES && <p className="few-samples">{fewSamplesNote(samples)}</p>}
    </div>
  );
}

/** What the interval says about the revision; only given from {@link FEW_SAMPLES} samples on, below which the note says why not. */
/** What the interval says of the revision; given from {@link FEW_SAMPLES} samples on, below which the note says why not. */
function verdict({ low, high }: { low: number; high: number }): string {
  if (low > 0) return 'The revision raised agreement on these samples.';
  if (high < 0) return 'Agreement fell on these samples after the revision.';
  return 'The interval includes no change: not yet evidence either way.';
}
