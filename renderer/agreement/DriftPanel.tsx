import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { percent } from '../../shared/agreement';
import type { DriftBand, DriftFlag, DriftReport } from '../../shared/quality/drift';
import type { LabelerQualityDrift } from '../../shared/quality/gold-drift';
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

/**
 * Where each point of both curves stands on the shared x axis: its sample's place among every
 * sample the labeler answered that either curve reads, in time order. So a check answered between
 * their 40th and 41st shared sample sits between those points.
 */
function placeOnAxis(peer: DriftReport, gold: DriftReport | null): { place: Map<number, number>; samples: number } {
  const all = [...peer.points, ...(gold?.points ?? [])].sort((x, y) => x.at - y.at || x.sampleId - y.sampleId);
  const place = new Map<number, number>();
  for (const point of all) if (!place.has(point.sampleId)) place.set(point.sampleId, place.size + 1);
  return { place, samples: place.size };
}

/** A curve's EWMA as chart points, thinned evenly to at most `MAX_POINTS` (its last point kept). */
function curveOf(report: DriftReport, place: ReadonlyMap<number, number>): { sample: number; agreement: number }[] {
  const step = Math.max(1, Math.ceil(report.points.length / MAX_POINTS));
  return report.points
    .map((point) => ({ sample: place.get(point.sampleId)!, agreement: toPercent(point.ewma) }))
    .filter((_, index, all) => index % step === 0 || index === all.length - 1);
}

function LabelerCurve({ labeler, nameOf }: { labeler: LabelerQualityDrift; nameOf: (labelerId: number) => string }) {
  const { report, gold, explainedBy } = labeler;
  const { band, flag } = report;
  const { place, samples } = placeOnAxis(report, gold);
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
          · {countOf(report.points.length, 'shared sample')}
          {gold && ` · ${countOf(gold.points.length, 'check')}`}
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
          {flag && <ReferenceLine x={place.get(report.points[flag.startIndex]!.sampleId)} stroke={PEER.flagged} />}
          {gold?.flag && <ReferenceLine x={place.get(gold.points[gold.flag.startIndex]!.sampleId)} stroke={GOLD.flagged} strokeDasharray="2 2" />}
          <Tooltip formatter={(value) => `${String(value)}%`} labelFormatter={(sample) => `sample ${String(sample)}`} />
          {report.points.length > 0 && (
            <Line
              data={curveOf(report, place)}
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
              data={curveOf(gold, place)}
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
      {!band && report.points.length > 0 && <p className="muted">No band with peers yet: it is set after their first {DEFAULT_BASELINE} shared samples.</p>}
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

function weeksText(report: DriftReport): string {
  return report.byWeek.map((week) => `${week.week} ${percent(week.mean)} (${week.samples})`).join(' · ');
}

function FlagDetail({ flag, usual, against }: { flag: DriftFlag; usual: number; against: 'peers' | 'gold' }) {
  const listed = flag.samples.slice(0, LISTED);
  const { data: page, error } = useQuery('samples.list', { filter: { ids: listed.map((point) => point.sampleId), tags: [] }, limit: LISTED });
  const names = new Map(page?.items.map((sample) => [sample.id, sample.displayName]));
  const unit = against === 'gold' ? 'check' : 'sample';
  return (
    <div className="drift-flag" data-testid={against === 'gold' ? 'gold-drift-flag' : 'drift-flag'}>
      <p>
        <strong>{against === 'gold' ? 'Below their band with gold' : 'Below their band with peers'}</strong> since their {unit} {flag.startIndex + 1}:{' '}
        {percent(flag.recentMean)} over {countOf(flag.samples.length, unit)}, against their usual {percent(usual)}.
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
      {flag.samples.length > LISTED && <p className="muted">and {countOf(flag.samples.length - LISTED, `more ${unit}`)}.</p>}
    </div>
  );
}

function toPercent(value: number): number {
  return Math.round(value * 1000) / 10;
}
