import { useState, type FormEvent } from 'react';
import { intervalText, percent } from '../../shared/agreement';
import { mayCall } from '../../shared/api/access';
import type { GoldCheckSettings, GoldQualityReport, Qualification } from '../../shared/domain/gold-checks';
import { countOf } from '../../shared/text/plural';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { useGuidelineNav } from '../guidelines/guideline-nav';
import { openInReview } from '../review/open-in-review';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { useReadOnly } from '../ui/read-only';
import './quality.css';

/** Sample names of the checks, by sample id. */
type SampleNames = ReadonlyMap<number, string>;

/** Worst-missed checks sent to the guideline draft at once. */
const WORST_MISSED = 5;

const QUALIFICATION_TEXT: Record<Qualification['state'], string> = {
  'not-required': 'not asked',
  'in-progress': 'qualifying',
  passed: 'qualified',
  failed: 'below the threshold',
};

/**
 * Labeler quality on the agreement dashboard: each labeler's agreement with gold checks (the
 * SMEs' decisions), with an interval and per guideline rule, their qualification, and for SMEs
 * the check settings.
 */
export function GoldQualityPanel() {
  const { data: report, refresh } = useQuery('gold.report', undefined, { refreshOn: ['agreement.changed'] });
  const { data: checks, refresh: refreshChecks } = useQuery('gold.checks', undefined);
  const role = useProjectStore((s) => s.account?.role);
  if (!report || !checks) return null;
  const names = new Map(checks.checks.map((check) => [check.sampleId, check.displayName]));
  const afterChange = () => Promise.all([refresh(), refreshChecks()]);
  return (
    <section className="card gold-quality" aria-labelledby="gold-quality-title">
      <h2 id="gold-quality-title">Labeler quality: agreement with gold</h2>
      <p className="muted">
        {countOf(report.liveChecks, 'gold check')} in use
        {report.retiredChecks > 0 && `, ${report.retiredChecks} retired (a later guideline changed the rule they cite: decide them again)`}. Each labeler is
        compared with gold only on checks they had not answered before, in the same terms as labelers with each other.
      </p>
      {mayCall(role, 'gold.configure') && <CheckSettings settings={checks.settings} onSaved={afterChange} />}
      {report.labelers.length === 0 ? (
        <p className="muted">No labeler has answered a check yet.</p>
      ) : (
        <table className="figures gold-table" aria-label="Agreement with gold by labeler">
          <thead>
            <tr>
              <th scope="col">Labeler</th>
              <th scope="col">With gold</th>
              <th scope="col">By rule</th>
              <th scope="col">Worst missed</th>
            </tr>
          </thead>
          <tbody>
            {report.labelers.map((l) => (
              <tr key={l.labelerId} data-testid="gold-labeler" data-labeler={l.name}>
                <th scope="row">{l.name}</th>
                <td>
                  <strong data-testid="gold-value">{percent(l.overall.figure.value)}</strong>
                  <div className="muted" data-testid="gold-interval">
                    {intervalText(l.overall.interval) || 'no interval yet'} · {countOf(l.overall.figure.samples, 'check')}
                  </div>
                </td>
                <td>
                  {l.perRule.map((r) => (
                    <div key={r.rule ?? ''}>
                      {r.rule ?? 'no rule cited'}: {percent(r.figure.value)} <span className="muted">({countOf(r.figure.samples, 'check')})</span>
                    </div>
                  ))}
                </td>
                <td>
                  <WorstMissed report={l} names={names} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <QualificationList report={report} names={names} onChanged={afterChange} />
    </section>
  );
}

function openGuidelines(): void {
  window.location.hash = '#guidelines';
}

/** Checks a labeler missed, by sample name, each opening its sample in Review (where the gold label and their answer stand side by side). */
function MissedChecks({ missed, names, label }: { missed: readonly { sampleId: number; score: number }[]; names: SampleNames; label: string }) {
  return (
    <ul className="missed-checks" aria-label={label}>
      {missed.map((check) => (
        <li key={check.sampleId} data-sample-id={check.sampleId}>
          <button type="button" className="link" onClick={() => openInReview(check.sampleId)}>
            {names.get(check.sampleId) ?? `sample ${check.sampleId}`}
          </button>{' '}
          <span className="muted">{percent(check.score)}</span>
        </li>
      ))}
    </ul>
  );
}

function WorstMissed({ report, names }: { report: GoldQualityReport['labelers'][number]; names: SampleNames }) {
  const role = useProjectStore((s) => s.account?.role);
  const readOnly = useReadOnly();
  const show = useGuidelineNav((s) => s.show);
  const missed = report.perCheck.filter((c) => c.score < 1).slice(0, WORST_MISSED);
  if (missed.length === 0) return <span className="muted">none</span>;
  const toDraft = async () => {
    await api.call('guidelines.attachCases', { sampleIds: missed.map((c) => c.sampleId) });
    show('draft');
    openGuidelines();
  };
  return (
    <div>
      <MissedChecks missed={missed} names={names} label={`Checks ${report.name} missed most`} />
      {mayCall(role, 'guidelines.attachCases') && (
        <button type="button" className="link" disabled={readOnly !== null} onClick={() => toDraft().catch(reportError)}>
          Add to the guideline draft
        </button>
      )}
    </div>
  );
}

function QualificationList({ report, names, onChanged }: { report: GoldQualityReport; names: SampleNames; onChanged(): Promise<unknown> }) {
  const role = useProjectStore((s) => s.account?.role);
  const labelers = useProjectStore((s) => s.labelers);
  const asked = report.qualification.filter((q) => q.state !== 'not-required');
  if (asked.length === 0) return null;
  const name = (id: number) => labelers.find((l) => l.id === id)?.name ?? `labeler ${id}`;
  const again = async (labelerId: number) => {
    await api.call('gold.requalify', { labelerId });
    await onChanged();
  };
  return (
    <div className="qualification">
      <h3>Qualification</h3>
      <ul aria-label="Qualification by labeler">
        {asked.map((q) => (
          <li key={q.labelerId} data-testid="qualification" data-state={q.state}>
            <strong>{name(q.labelerId)}</strong>: {QUALIFICATION_TEXT[q.state]}
            {q.attempt?.score != null && ` (${percent(q.attempt.score)} with gold)`}
            {q.state === 'failed' && (
              <>
                {' '}
                <MissedChecks missed={q.attempt!.checks.filter((c) => c.score < 1)} names={names} label={`Qualification checks ${name(q.labelerId)} missed`} />
                {mayCall(role, 'gold.requalify') && (
                  <button type="button" className="link" onClick={() => again(q.labelerId).catch(reportError)}>
                    Give the set again
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The SME's settings: the rate of checks, feedback, and the qualification threshold. */
function CheckSettings({ settings, onSaved }: { settings: GoldCheckSettings; onSaved(): Promise<unknown> }) {
  const readOnly = useReadOnly();
  const [rate, setRate] = useState(String(Math.round(settings.rate * 100)));
  const [feedback, setFeedback] = useState(settings.feedback);
  const [qualify, setQualify] = useState(settings.qualification !== null);
  const [threshold, setThreshold] = useState(String(Math.round((settings.qualification?.threshold ?? 0.8) * 100)));
  const [everyone, setEveryone] = useState(settings.qualification?.requalifyOnNewVersion ?? false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await api.call('gold.configure', {
      rate: Number(rate) / 100,
      feedback,
      qualification: qualify ? { threshold: Number(threshold) / 100, requalifyOnNewVersion: everyone } : null,
    });
    await onSaved();
  };
  const rateOk = /^\d+(\.\d+)?$/.test(rate) && Number(rate) <= 50;
  const thresholdOk = !qualify || (/^\d+(\.\d+)?$/.test(threshold) && Number(threshold) <= 100);
  return (
    <form className="check-settings" aria-label="Gold check settings" onSubmit={(e) => void save(e).catch(reportError)}>
      <label>
        Checks in each queue (%) <input value={rate} onChange={(e) => setRate(e.target.value)} inputMode="decimal" size={4} />
      </label>
      <label>
        <input type="checkbox" checked={feedback} onChange={(e) => setFeedback(e.target.checked)} /> Show the gold label after a check
      </label>
      <label>
        <input type="checkbox" checked={qualify} onChange={(e) => setQualify(e.target.checked)} /> New labelers qualify first
      </label>
      {qualify && (
        <>
          <label>
            Threshold (%) <input value={threshold} onChange={(e) => setThreshold(e.target.value)} inputMode="decimal" size={4} />
          </label>
          <label>
            <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} /> Everyone again after a new guideline version
          </label>
        </>
      )}
      <button type="submit" disabled={readOnly !== null || !rateOk || !thresholdOk}>
        Save check settings
      </button>
    </form>
  );
}
