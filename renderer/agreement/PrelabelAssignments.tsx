import { useRef, useState } from 'react';
import type { PrelabelAssignment, PrelabelChoice, PrelabelSampleView } from '../../shared/domain/prelabel';
import { api } from '../api/api';
import { ActionError, useActionError } from '../ui/ActionError';

const ARM_WORDS = { prelabeled: 'pre-labeled', blind: 'blind' } as const;
const CHOICE_WORDS: Record<PrelabelChoice, string> = { plan: 'as the plan splits', offer: 'offer pre-labels', blind: 'keep blind' };

/**
 * One sample's assignments and what each labeler starts from there, for an SME to offer
 * pre-labels on an assignment the plan keeps blind, or the other way round. A labeler who has
 * saved keeps the arm recorded then: the change applies to their next sample, not to this one.
 */
export function PrelabelAssignments({ mayChoose }: { mayChoose: boolean }) {
  const [sampleText, setSampleText] = useState('');
  const [view, setView] = useState<PrelabelSampleView | null>(null);
  // Only the latest look counts: an earlier, slower answer must not replace it.
  const latest = useRef(0);
  const failure = useActionError();
  const load = async (sampleId: number) => {
    const asked = ++latest.current;
    const found = await api.call('prelabels.sample', { sampleId });
    if (asked === latest.current) setView(found);
  };
  const choose = async (assignment: PrelabelAssignment, choice: PrelabelChoice) => {
    if (!view) return;
    await api.call('prelabels.override', { sampleId: view.sampleId, labelerId: assignment.labelerId, choice });
    await load(view.sampleId);
  };

  return (
    <div className="prelabel-assignments">
      <h3>Per assignment</h3>
      <form
        className="prelabel-settings"
        onSubmit={(event) => {
          event.preventDefault();
          setView(null);
          void failure.run(() => load(Number(sampleText)));
        }}
      >
        <label>
          Sample id
          <input type="number" min={1} step={1} value={sampleText} onChange={(event) => setSampleText(event.target.value)} />
        </label>
        <button type="submit" disabled={!/^\d+$/.test(sampleText.trim()) || Number(sampleText) < 1}>
          Show assignments
        </button>
      </form>
      <ActionError error={failure.error} fields={{ sampleId: 'Sample id' }} onDismiss={failure.clear} />
      {view && <SampleAssignments view={view} mayChoose={mayChoose} onChoose={(a, c) => void failure.run(() => choose(a, c))} />}
    </div>
  );
}

function SampleAssignments({
  view,
  mayChoose,
  onChoose,
}: {
  view: PrelabelSampleView;
  mayChoose: boolean;
  onChoose(assignment: PrelabelAssignment, choice: PrelabelChoice): void;
}) {
  const note =
    view.source === null
      ? 'Pre-labels are off: every labeler starts blank.'
      : view.predicted
        ? `Offered from “${view.source}”.`
        : `“${view.source}” has no prediction for this sample: every labeler starts blank.`;
  return (
    <div data-testid="prelabel-sample" data-sample-id={view.sampleId}>
      <p className="muted">
        Sample {view.sampleId} ({view.fileName}). {note}
      </p>
      {view.assignments.length === 0 ? (
        <p className="muted">Nobody is assigned this sample.</p>
      ) : (
        <table className="prelabel-assignment-table" aria-label={`Assignments of sample ${view.sampleId}`}>
          <thead>
            <tr>
              <th>Labeler</th>
              <th>Starts from</th>
              <th>Choice</th>
            </tr>
          </thead>
          <tbody>
            {view.assignments.map((a) => (
              <tr key={a.labelerId} data-labeler={a.name} data-arm={a.arm ?? 'none'}>
                <td>{a.name}</td>
                <td>
                  {a.arm === null ? 'nothing offered' : ARM_WORDS[a.arm]}
                  {a.recorded !== null && <span className="muted"> (saved {ARM_WORDS[a.recorded]}: that stays)</span>}
                </td>
                <td>
                  {mayChoose ? (
                    <select aria-label={`Pre-labels for ${a.name}`} value={a.choice} onChange={(event) => onChoose(a, event.target.value as PrelabelChoice)}>
                      {(['plan', 'offer', 'blind'] as const).map((choice) => (
                        <option key={choice} value={choice}>
                          {CHOICE_WORDS[choice]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    CHOICE_WORDS[a.choice]
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
