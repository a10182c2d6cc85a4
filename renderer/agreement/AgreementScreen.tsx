import { useMemo, useState } from 'react';
import { describeFigure, headlineMeasure, intervalText, percent, skewedClassNote, type AgreementDashboard } from '../../shared/agreement';
import type { ProjectSummary } from '../../shared/domain/project';
import { useQuery } from '../api/use-query';
import { openInReview } from '../review/open-in-review';
import { useProjectStore } from '../stores/project-store';
import { QueryError } from '../ui/QueryError';
import { ScoreHistogram, VersionChart, WeekChart } from './AgreementCharts';
import { FigureTable } from './FigureTable';
import { PairHeatmap } from './PairHeatmap';
import { TypesByVersion } from './TypesByVersion';
import { VersionAgreement } from './VersionAgreement';
import { GoldQualityPanel } from '../quality/GoldQualityPanel';
import { AnchoringCard } from './AnchoringCard';
import { DriftPanel } from './DriftPanel';
import { OpenQuestionsCard } from './OpenQuestionsCard';
import './agreement.css';
import { countOf } from '../../shared/text/plural';

/**
 * How consistent the labels are: the agreement between labelers (the human-level
 * baseline), by labeler, pair, class, tag and guideline version, and which samples the
 * disagreement is in. For SMEs and engineers; labelers work blind. Submissions arriving
 * while the dashboard is open refresh it.
 */
export function AgreementScreen({ project }: { project: ProjectSummary }) {
  const labelers = useProjectStore((s) => s.labelers);
  const names = useMemo(() => new Map(labelers.map((l) => [l.id, l.name])), [labelers]);
  const { data: agreement, error, refresh } = useQuery('agreement.project', undefined, { refreshOn: ['agreement.changed'] });
  const [pair, setPair] = useState<[number, number] | null>(null);

  if (!agreement) {
    return (
      <div className="empty">{error ? <QueryError error={error} what="compute the agreement" onRetry={() => void refresh()} /> : 'Computing agreement…'}</div>
    );
  }
  const { overall } = agreement;
  // A new project has nothing to compare yet, but its labelers may already be asking questions.
  if (overall.comparisons === 0) {
    return (
      <section className="agreement" aria-labelledby="agreement-title">
        <h1 id="agreement-title">Agreement</h1>
        <QueryError error={error} what="bring the figures up to date" onRetry={() => void refresh()} />
        <p className="empty" data-testid="nothing-to-compare">
          No sample has been submitted by two labelers yet, so there is nothing to compare.
        </p>
        <OpenQuestionsCard />
      </section>
    );
  }
  const className = new Map(project.classes.map((c) => [c.id, c.name]));
  const classNote = skewedClassNote(overall, overall.classIntervals);

  return (
    <section className="agreement" aria-labelledby="agreement-title">
      <h1 id="agreement-title">Agreement</h1>
      <QueryError error={error} what="bring the figures up to date" onRetry={() => void refresh()} />
      <div className="headline card" data-testid="headline">
        <div className="headline-value">{percent(overall.value)}</div>
        <div>
          <strong>Agreement between labelers</strong> (human-level baseline: {headlineMeasure(overall)})
          {overall.interval && <span className="muted"> · {intervalText(overall.interval)}</span>}
          <div className="muted">
            {describeFigure(overall)} · {countOf(overall.comparisons, 'comparison')} over {countOf(overall.samples, 'sample')}
          </div>
          {classNote && (
            <p className="class-note" data-testid="skewed-classes">
              {classNote}
            </p>
          )}
        </div>
      </div>
      <OpenQuestionsCard />
      <GoldQualityPanel />
      <div className="card">
        <DriftPanel names={names} />
      </div>
      <div className="agreement-grid">
        <AnchoringCard />
        <div className="card">
          <h2>Labeler pairs</h2>
          <PairHeatmap agreement={agreement} names={names} selected={pair} onSelect={setPair} />
          {pair && <PairSamples agreement={agreement} pair={pair} names={names} />}
        </div>
        <div className="card">
          <h2>Each labeler against the others</h2>
          <FigureTable
            label="Agreement by labeler"
            rows={agreement.perLabeler.map((l) => ({
              key: l.labelerId,
              name: names.get(l.labelerId) ?? `#${l.labelerId}`,
              value: l.figure.value,
              detail: l.difference === null ? '' : `${l.difference >= 0 ? '+' : ''}${(l.difference * 100).toFixed(1)} pts`,
              warn: l.difference !== null && l.difference < -0.05,
            }))}
          />
        </div>
        <div className="card">
          <ScoreHistogram agreement={agreement} />
        </div>
        <div className="card">
          <VersionChart agreement={agreement} />
        </div>
        <div className="card">
          <WeekChart agreement={agreement} />
        </div>
        {agreement.perClass.length > 0 && (
          <div className="card">
            <h2>By class</h2>
            <FigureTable
              label="Agreement by class"
              rows={agreement.perClass.map((c) => ({
                key: c.classId,
                name: className.get(c.classId) ?? `class ${c.classId}`,
                value: c.f1,
                detail: `${c.tp} matched · ${c.fp + c.fn} unmatched`,
              }))}
            />
          </div>
        )}
        <div className="card">
          <VersionAgreement agreement={agreement} classNames={className} />
        </div>
        <div className="card">
          <h2>Disagreement types by guideline version</h2>
          <p className="muted">Disagreements per labeler-pair comparison.</p>
          <TypesByVersion agreement={agreement} />
        </div>
        {agreement.perTag.length > 0 && (
          <div className="card">
            <h2>By tag</h2>
            <FigureTable
              label="Agreement by tag"
              rows={agreement.perTag.map((t) => ({
                key: t.key,
                name: t.key,
                value: t.figure.value,
                detail: [countOf(t.figure.samples, 'sample'), intervalText(t.interval)].filter(Boolean).join(' · '),
              }))}
            />
          </div>
        )}
      </div>
    </section>
  );
}

/** The samples a pair of labelers both labeled where the two of them disagree most, most first; a name opens the sample in Review. */
function PairSamples({ agreement, pair, names }: { agreement: AgreementDashboard; pair: [number, number]; names: Map<number, string> }) {
  const [labelerA, labelerB] = pair[0] < pair[1] ? pair : [pair[1], pair[0]];
  const both = agreement.pairSamples.find((p) => p.labelerA === labelerA && p.labelerB === labelerB);
  const shared = both?.worst ?? [];
  const ids = shared.map((s) => s.sampleId);
  // Keyed by the ids themselves: the names shown always belong to the pair shown.
  const { data: page, error } = useQuery('samples.list', { filter: { ids, tags: [] }, limit: 500 });
  const samples = new Map(page?.items.map((s) => [s.id, s]));
  return (
    <div className="pair-samples">
      <h3>
        {names.get(pair[0])} and {names.get(pair[1])}: {countOf(both?.samples ?? 0, 'sample')}
      </h3>
      {shared.length < (both?.samples ?? 0) && <p className="muted">The {shared.length} where they disagree most:</p>}
      <QueryError error={error} what="read the names of these samples" />
      <ol aria-label="Samples behind the selected pair">
        {shared.map((s) => (
          <li key={s.sampleId}>
            <button type="button" className="link pair-sample-name" onClick={() => openInReview(s.sampleId)}>
              {samples.get(s.sampleId)?.displayName ?? `sample ${s.sampleId}`}
            </button>
            <span className="muted">disagreement {s.score.toFixed(2)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
