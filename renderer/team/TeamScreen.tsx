import { useMemo, useState, type FormEvent } from 'react';
import { mayCall } from '../../shared/api/access';
import { MAX_CALIBRATION_SAMPLES, MAX_OVERLAP, MAX_SEED } from '../../shared/domain/assignment';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { useNotices } from '../stores/notices';
import { ActionError, useActionError } from '../ui/ActionError';
import { useProjectStore } from '../stores/project-store';
import { ReadOnlyNote, useReadOnly } from '../ui/read-only';
import { QueryError } from '../ui/QueryError';
import { useWholeNumberField, WholeNumberInput } from '../ui/WholeNumberField';
import './team.css';
import { ThroughputTable } from './ThroughputTable';
import { countOf } from '../../shared/text/plural';

/**
 * Who labels what: the overlap plan (each sample to k labelers, a calibration batch to
 * everyone) and how far each labeler has got. SMEs and engineers make the plan; the back
 * end refuses anyone else.
 */
export function TeamScreen() {
  const role = useProjectStore((s) => s.account?.role);
  const refresh = useProjectStore((s) => s.refresh);
  const labelers = useProjectStore((s) => s.labelers);
  const names = useMemo(() => new Map(labelers.map((l) => [l.id, l.name])), [labelers]);
  // Progress moves as labelers submit: the table follows.
  const { data: summary, error, refresh: refreshSummary } = useQuery('assignments.summary', undefined, { refreshOn: ['agreement.changed'] });
  // Kept as typed and read on each change: a plan is made only from numbers that read.
  const overlap = useWholeNumberField(2, { min: 1, max: MAX_OVERLAP });
  const calibration = useWholeNumberField(0, { min: 0, max: MAX_CALIBRATION_SAMPLES });
  const seed = useWholeNumberField(1, { min: 0, max: MAX_SEED });
  const numbersRead = overlap.reading.ok && calibration.reading.ok && seed.reading.ok;
  const [busy, setBusy] = useState(false);
  const canPlan = mayCall(role, 'assignments.plan');
  const readOnly = useReadOnly();
  // A refused plan is said under its fields, not in the corner where it would outlive the screen.
  const failure = useActionError();

  const plan = async (event: FormEvent) => {
    event.preventDefault();
    if (!overlap.reading.ok || !calibration.reading.ok || !seed.reading.ok) return;
    const settings = { overlap: overlap.reading.value, calibrationCount: calibration.reading.value, seed: seed.reading.value };
    setBusy(true);
    await failure.run(async () => {
      const result = await api.call('assignments.plan', settings);
      await Promise.all([refreshSummary(), refresh()]);
      useNotices
        .getState()
        .show(
          'info',
          `Planned: every sample to ${countOf(result.overlap, 'labeler')}${result.calibrationSampleIds.length ? `, ${result.calibrationSampleIds.length} to everyone` : ''}.`,
        );
    });
    setBusy(false);
  };

  return (
    <section className="team" aria-labelledby="team-title">
      <h1 id="team-title">Team</h1>
      <ReadOnlyNote />
      <form className="card plan-form" onSubmit={(e) => void plan(e)} aria-label="Assignment plan">
        <h2>{summary ? 'Assignment plan' : 'Plan who labels what'}</h2>
        <p className="hint">
          Each sample goes to several labelers, independently, so their agreement can be measured. Work already started never moves; the rest is shared out
          evenly again.
        </p>
        <div className="plan-fields">
          <WholeNumberInput label="Labelers per sample" field={overlap} />
          <WholeNumberInput label="Calibration samples (to everyone)" field={calibration} />
          <WholeNumberInput label="Seed" field={seed} />
          <button
            type="submit"
            className="primary"
            disabled={busy || !canPlan || readOnly !== null || !numbersRead}
            title={readOnly ?? (canPlan ? undefined : 'Only SMEs and engineers make plans')}
          >
            {summary ? 'Replan' : 'Make plan'}
          </button>
        </div>
        <ActionError
          error={failure.error}
          fields={{ overlap: 'Labelers per sample', calibrationCount: 'Calibration samples', seed: 'Seed' }}
          onDismiss={failure.clear}
        />
        {!canPlan && <p className="hint">Only SMEs and engineers make or change the plan.</p>}
        {summary && summary.unassignedSamples > 0 && (
          <p className="hint">
            {countOf(summary.unassignedSamples, 'sample')} {summary.unassignedSamples === 1 ? 'is' : 'are'} in no one's queue yet: replan to share them out.
          </p>
        )}
      </form>
      <QueryError error={error} what="read who has done what" onRetry={() => void refreshSummary()} />
      {summary === null && <div className="empty">No plan yet: every labeler's queue holds every sample.</div>}
      {summary && (
        <table className="progress-table" aria-label="Progress by labeler">
          <thead>
            <tr>
              <th>Labeler</th>
              <th>Assigned</th>
              <th>Submitted</th>
              <th>Draft</th>
              <th>To do</th>
              <th>Progress</th>
            </tr>
          </thead>
          <tbody>
            {summary.labelers.map((l) => (
              <tr key={l.labelerId}>
                <td>{l.name}</td>
                <td>{l.assigned}</td>
                <td>{l.submitted}</td>
                <td>{l.draft}</td>
                <td>{l.todo}</td>
                <td>
                  <progress max={l.assigned || 1} value={l.submitted} aria-label={`${l.name}'s progress`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayCall(role, 'team.throughput') && <ThroughputTable names={names} />}
    </section>
  );
}
