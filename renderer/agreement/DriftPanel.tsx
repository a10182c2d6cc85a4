import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../../shared/agreement';
import type { LabelerDrift } from '../../shared/quality/team-drift';
import { countOf } from '../../shared/text/plural';
import { useQuery } from '../api/use-query';
import { openInReview } from '../review/open-in-review';
import { QueryError } from '../ui/QueryError';
import './drift.css';

/** Points drawn per curve at most: a long history is thinned evenly, its last point always kept. */
const MAX_POINTS = 240;
/** Samples behind a flag listed by name; the rest are counted. */
const LISTED = 12;
/** `detectDrift`'s default baseline, for a labeler too new to have a band. */
const DEFAULT_BASELINE = 60;

/**
 * Each labeler's agreement with their peers over time, inside a band from their own first
 * samples; those whose recent agreement fell below it first, with the answers behind the fall
 * (a name opens the sample in Review). The method is `detectDrift`'s.
 */
export function DriftPanel({ names }: { names: ReadonlyMap<number, string> }) {
  const { data: drift, error, refresh } = useQuery('quality.drift', undefined, { refreshOn: ['agreement.changed'] });
  const nameOf = (labelerId: number) => names.get(labelerId) ?? `#${labelerId}`;
  if (!drift) return error ? <QueryError error={error} what="compute drift" onRetry={() => void refresh()} /> : <p className="muted">Computing drift…</p>;
  const flagged = drift.filter((labeler) => labeler.report.flag).length;
  return (
    <section className="drift-panel" aria-labelledby="drift-title" data-testid="drift-panel">
      <h2 id="drift-title">Drift: each labeler against their own history</h2>
      <p className="muted">
        Agreement with peers per sample, smoothed (EWMA), inside a band set by the labeler&apos;s own first{' '}
        {drift.find((labeler) => labeler.report.band)?.report.band?.baselineSamples ?? DEFAULT_BASELINE} samples.{' '}
        {flagged === 0 ? 'Nobody has fallen below their band.' : `${countOf(flagged, 'labeler')} below their band.`}
      </p>
      <QueryError error={error} what="bring drift up to date" onRetry={() => void refresh()} />
      <div className="drift-grid">
        {drift.map((labeler) => (
          <LabelerCurve key={labeler.labelerId} labeler={labeler} nameOf={nameOf} />
        ))}
      </div>
    </section>
  );
}

function LabelerCurve({ labeler, nameOf }: { labeler: LabelerDrift; nameOf: (labelerId: number) => string }) {
  const { report, explainedBy } = labeler;
  const { band, flag } = report;
  const step = Math.max(1, Math.ceil(report.points.length / MAX_POINTS));
  const data = report.points
    .map((point, index) => ({ sample: index + 1, agreement: toPercent(point.ewma) }))
    .filter((_, index, all) => index % step === 0 || index === all.length - 1);
  return (
    <article className={`drift-labeler${flag ? ' flagged' : ''}`} data-labeler={labeler.labelerId} data-flagged={flag ? 'true' : 'false'}>
      <h3>
        {nameOf(labeler.labelerId)} <span className="muted">· {countOf(report.points.length, 'sample')}</span>
      </h3>
      <ResponsiveContainer width="100%" height={140}>
        <LineChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="sample" type="number" domain={[1, Math.max(2, report.points.length)]} tick={{ fontSize: 10 }} />
          <YAxis domain={['auto', 'auto']} tick={{ fontSize: 10 }} />
          {band && <ReferenceArea y1={toPercent(band.lower)} y2={toPercent(band.upper)} fill="#0072b2" fillOpacity={0.12} ifOverflow="extendDomain" />}
          {band && <ReferenceLine y={toPercent(band.mean)} stroke="#0072b2" strokeDasharray="4 3" />}
          {flag && <ReferenceLine x={flag.startIndex + 1} stroke="#d55e00" />}
          <Tooltip formatter={(value) => `${String(value)}%`} labelFormatter={(sample) => `sample ${String(sample)}`} />
          <Line dataKey="agreement" stroke={flag ? '#d55e00' : '#009e73'} strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <p className="drift-weeks muted">By week: {report.byWeek.map((week) => `${week.week} ${percent(week.mean)} (${week.samples})`).join(' · ')}</p>
      {!band && <p className="muted">No band yet: it is set after their first {DEFAULT_BASELINE} samples.</p>}
      {band && !flag && explainedBy.length > 0 && (
        <p className="muted">Their agreement fell with {explainedBy.map(nameOf).join(' and ')}&apos;s answers; without those pairs it stays in their band.</p>
      )}
      {flag && band && <FlagDetail flag={flag} usual={band.mean} />}
    </article>
  );
}

function FlagDetail({ flag, usual }: { flag: NonNullable<LabelerDrift['report']['flag']>; usual: number }) {
  const listed = flag.samples.slice(0, LISTED);
  const { data: page, error } = useQuery('samples.list', { filter: { ids: listed.map((point) => point.sampleId), tags: [] }, limit: LISTED });
  const names = new Map(page?.items.map((sample) => [sample.id, sample.displayName]));
  return (
    <div className="drift-flag" data-testid="drift-flag">
      <p>
        <strong>Below their band</strong> since their sample {flag.startIndex + 1}: {percent(flag.recentMean)} over {countOf(flag.samples.length, 'sample')},
        against their usual {percent(usual)}.
      </p>
      <QueryError error={error} what="read the names of these samples" />
      <ol aria-label="Samples behind the drift flag">
        {listed.map((point) => (
          <li key={point.sampleId}>
            <button type="button" className="link" onClick={() => openInReview(point.sampleId)}>
              {names.get(point.sampleId) ?? `sample ${point.sampleId}`}
            </button>{' '}
            <span className="muted">agreement {percent(point.score)}</span>
          </li>
        ))}
      </ol>
      {flag.samples.length > LISTED && <p className="muted">and {countOf(flag.samples.length - LISTED, 'more sample')}.</p>}
    </div>
  );
}

function toPercent(value: number): number {
  return Math.round(value * 1000) / 10;
}
