import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../../shared/agreement';
import type { DriftBand } from '../../shared/quality/drift';
import { FLAG_SAMPLES_NAMED, type ChartedDrift, type ChartedFlag, type LabelerDriftChart } from '../../shared/quality/drift-chart';
import { countOf } from '../../shared/text/plural';
import { useQuery } from '../api/use-query';
import { openInReview } from '../review/open-in-review';
import { QueryError } from '../ui/QueryError';
import './drift.css';

/** `detectDrift`'s default baseline, for a labeler too new to have a band. */
const DEFAULT_BASELINE = 60;

/** The two curves of a labeler's chart: agreement with peers, and with gold (Okabe–Ito colours, told apart without hue too: gold is dashed). */
const PEER = { stroke: '#009e73', band: '#0072b2', flagged: '#d55e00' };
const GOLD = { stroke: '#cc79a7', band: '#cc79a7', flagged: '#d55e00' };

/**
 * Each labeler's agreement with their peers and with gold over time, each inside a band from
 * their own first samples (or checks); those whose recent agreement fell below either first, with
 * the answers behind the fall (a name opens the sample in Review). The method is `detectDrift`'s.
 */
export function DriftPanel({ names }: { names: ReadonlyMap<number, string> }) {
  const { data: drift, error, refresh } = useQuery('quality.drift', undefined, { refreshOn: ['agreement.changed'] });
  const nameOf = (labelerId: number) => names.get(labelerId) ?? `#${labelerId}`;
  if (!drift) return error ? <QueryError error={error} what="compute drift" onRetry={() => void refresh()} /> : <p className="muted">Computing drift…</p>;
  const flagged = drift.filter((labeler) => labeler.report.flag || labeler.gold?.flag).length;
  return (
    <section className="drift-panel" aria-labelledby="drift-title" data-testid="drift-panel">
      <h2 id="drift-title">Drift: each labeler against their own history</h2>
      <p className="muted">
        Agreement with peers per sample and with gold per check, smoothed (EWMA), each inside a band set by the labeler&apos;s own first{' '}
        {drift.find((labeler) => labeler.report.band)?.report.band?.baselineSamples ?? DEFAULT_BASELINE} samples (or checks).{' '}
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

/** A curve as chart points: the back end thinned it already (`chartDrift`), on the labeler's shared x axis. */
function curveOf(drift: ChartedDrift): { sample: number; agreement: number }[] {
  return drift.curve.map((point) => ({ sample: point.sample, agreement: toPercent(point.ewma) }));
}

function LabelerCurve({ labeler, nameOf }: { labeler: LabelerDriftChart; nameOf: (labelerId: number) => string }) {
  const { report, gold, explainedBy, samples } = labeler;
  const { band, flag } = report;
  const flagged = Boolean(flag || gold?.flag);
  return (
    <article
      className={`drift-labeler${flagged ? ' flagged' : ''}`}
      data-labeler={labeler.labelerId}
      data-flagged={flag ? 'true' : 'false'}
      data-gold-flagged={gold ? String(gold.flag !== null) : 'no checks'}
    >
      <h3>
        {nameOf(labeler.labelerId)}{' '}
        <span className="muted">
          · {countOf(report.points, 'shared sample')}
          {gold && ` · ${countOf(gold.points, 'check')}`}
        </span>
      </h3>
      <ResponsiveContainer width="100%" height={gold ? 160 : 140}>
        <LineChart margin={{ top: 6, right: 12, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="sample" type="number" domain={[1, Math.max(2, samples)]} tick={{ fontSize: 10 }} />
          <YAxis domain={['auto', 'auto']} tick={{ fontSize: 10 }} />
          {band && <BandArea band={band} colour={PEER.band} />}
          {gold?.band && <BandArea band={gold.band} colour={GOLD.band} />}
          {band && <ReferenceLine y={toPercent(band.mean)} stroke={PEER.band} strokeDasharray="4 3" />}
          {gold?.band && <ReferenceLine y={toPercent(gold.band.mean)} stroke={GOLD.band} strokeDasharray="4 3" />}
          {flag && <ReferenceLine x={flag.startSample} stroke={PEER.flagged} />}
          {gold?.flag && <ReferenceLine x={gold.flag.startSample} stroke={GOLD.flagged} strokeDasharray="2 2" />}
          <Tooltip formatter={(value) => `${String(value)}%`} labelFormatter={(sample) => `sample ${String(sample)}`} />
          {report.points > 0 && (
            <Line
              data={curveOf(report)}
              dataKey="agreement"
              name="with peers"
              stroke={flag ? PEER.flagged : PEER.stroke}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          )}
          {gold && (
            <Line
              data={curveOf(gold)}
              dataKey="agreement"
              name="with gold"
              stroke={gold.flag ? GOLD.flagged : GOLD.stroke}
              strokeDasharray="6 3"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          )}
          {gold && <Legend verticalAlign="top" height={18} iconSize={10} wrapperStyle={{ fontSize: 11 }} />}
        </LineChart>
      </ResponsiveContainer>
      <p className="drift-weeks muted">By week, with peers: {weeksText(report)}</p>
      {gold && <p className="drift-weeks muted">By week, with gold: {weeksText(gold)}</p>}
      {!band && report.points > 0 && <p className="muted">No band with peers yet: it is set after their first {DEFAULT_BASELINE} shared samples.</p>}
      {gold && !gold.band && <p className="muted">No gold band yet: it is set after their first {DEFAULT_BASELINE} checks.</p>}
      {band && !flag && explainedBy.length > 0 && (
        <p className="muted">Their agreement fell with {explainedBy.map(nameOf).join(' and ')}&apos;s answers; without those pairs it stays in their band.</p>
      )}
      {flag && band && <FlagDetail flag={flag} usual={band.mean} against="peers" />}
      {gold?.flag && gold.band && <FlagDetail flag={gold.flag} usual={gold.band.mean} against="gold" />}
    </article>
  );
}

function BandArea({ band, colour }: { band: DriftBand; colour: string }) {
  return <ReferenceArea y1={toPercent(band.lower)} y2={toPercent(band.upper)} fill={colour} fillOpacity={0.12} ifOverflow="extendDomain" />;
}

function weeksText(report: ChartedDrift): string {
  return report.byWeek.map((week) => `${week.week} ${percent(week.mean)} (${week.samples})`).join(' · ');
}

function FlagDetail({ flag, usual, against }: { flag: ChartedFlag; usual: number; against: 'peers' | 'gold' }) {
  const listed = flag.lowest;
  const { data: page, error } = useQuery('samples.list', { filter: { ids: listed.map((point) => point.sampleId), tags: [] }, limit: FLAG_SAMPLES_NAMED });
  const names = new Map(page?.items.map((sample) => [sample.id, sample.displayName]));
  const unit = against === 'gold' ? 'check' : 'sample';
  return (
    <div className="drift-flag" data-testid={against === 'gold' ? 'gold-drift-flag' : 'drift-flag'}>
      <p>
        <strong>{against === 'gold' ? 'Below their band with gold' : 'Below their band with peers'}</strong> since their {unit} {flag.startIndex + 1}:{' '}
        {percent(flag.recentMean)} over {countOf(flag.behind, unit)}, against their usual {percent(usual)}.
      </p>
      <QueryError error={error} what="read the names of these samples" />
      <ol aria-label={against === 'gold' ? 'Checks behind the gold drift flag' : 'Samples behind the drift flag'}>
        {listed.map((point) => (
          <li key={point.sampleId}>
            <button type="button" className="link" onClick={() => openInReview(point.sampleId)}>
              {names.get(point.sampleId) ?? `sample ${point.sampleId}`}
            </button>{' '}
            <span className="muted">
              agreement {against === 'gold' ? 'with gold ' : ''}
              {percent(point.score)}
            </span>
          </li>
        ))}
      </ol>
      {flag.behind > listed.length && <p className="muted">and {countOf(flag.behind - listed.length, `more ${unit}`)}.</p>}
    </div>
  );
}

function toPercent(value: number): number {
  return Math.round(value * 1000) / 10;
}
