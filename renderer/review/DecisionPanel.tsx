import { useMemo, useState } from 'react';
import type { GoldChoice, ReviewSample } from '../../shared/domain/gold';
import { guidelineSections } from '../../shared/guideline/sections';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { ActionError, useActionError } from '../ui/ActionError';
import { ReadOnlyNote, useReadOnly } from '../ui/read-only';
import { GoldCheckToggle } from '../quality/GoldCheckToggle';

const CHOICE_TEXT: Record<GoldChoice, string> = {
  labeler: 'accepted a labeler',
  consensus: 'accepted the consensus',
  edited: 'edited',
  auto_consensus: 'accepted automatically',
};

export interface DecisionNote {
  reason: string;
  guidelineRule: string;
}

interface DecisionPanelProps {
  review: ReviewSample;
  name(labelerId: number): string;
  /** Names of who decided: SMEs are never hidden. */
  deciderName(labelerId: number | null): string;
  note: DecisionNote;
  onNote(note: DecisionNote): void;
  onDecided(): void;
  onEdit(): void;
}

/** The SME's decision on the gold label: whose version, the consensus, or an edit; why; and what was decided before. */
export function DecisionPanel({ review, name, deciderName, note, onNote, onDecided, onEdit }: DecisionPanelProps) {
  const [busy, setBusy] = useState(false);
  const readOnly = useReadOnly();
  // The rule is a section of the guideline in force: the back end refuses any other anchor.
  const guideline = useQuery('guidelines.current', undefined, { refreshOn: ['guideline.published'] });
  const sections = useMemo(() => (guideline.data ? guidelineSections(guideline.data.bodyMd) : []), [guideline.data]);
  // Deciding writes the gold label: a read-only view shows the decisions but makes none.
  const locked = busy || readOnly !== null;
  // Said beside the buttons (a decision someone else made meanwhile, a rule not in the guideline), gone with this sample.
  const failure = useActionError();
  const decide = async (choice: 'labeler' | 'consensus', labelerId?: number) => {
    setBusy(true);
    await failure.run(async () => {
      await api.call('review.decide', {
        sampleId: review.sampleId,
        choice,
        labelerId,
        reason: note.reason,
        guidelineRule: note.guidelineRule.trim() === '' ? null : note.guidelineRule.trim(),
        baseRevision: review.decision?.revision ?? null,
        answersSeenAt: review.answersAt,
      });
      onNote({ reason: '', guidelineRule: '' });
      onDecided();
    });
    setBusy(false);
  };

  return (
    <section className="decision-panel card" aria-label="Decision">
      <h2>Gold label</h2>
      <ReadOnlyNote />
      {review.decision ? (
        <p data-testid="current-decision">
          Decision {review.decision.revision}: {CHOICE_TEXT[review.decision.choice]}
          {review.decision.sourceLabelerId !== null && ` (${name(review.decision.sourceLabelerId)})`}
        </p>
      ) : (
        <p className="muted">Not decided yet.</p>
      )}
      {review.decision && <GoldCheckToggle sampleId={review.sampleId} />}
      <label>
        Reason
        <textarea
          value={note.reason}
          rows={2}
          placeholder="Why this label (shown with the decision)"
          onChange={(e) => onNote({ ...note, reason: e.target.value })}
        />
      </label>
      <label>
        Guideline rule
        <select value={note.guidelineRule} onChange={(e) => onNote({ ...note, guidelineRule: e.target.value })}>
          <option value="">No particular rule</option>
          {sections.map((section) => (
            <option key={section.anchor} value={`#${section.anchor}`}>
              {'\u2003'.repeat(section.level - 1)}
              {section.title} (#{section.anchor})
            </option>
          ))}
        </select>
      </label>
      <div className="decision-buttons">
        {review.annotations.map((a) => (
          <button key={a.labelerId} type="button" disabled={locked} title={readOnly ?? undefined} onClick={() => void decide('labeler', a.labelerId)}>
            Accept {name(a.labelerId)}
          </button>
        ))}
        <button type="button" disabled={locked || review.annotations.length < 2} title={readOnly ?? undefined} onClick={() => void decide('consensus')}>
          Accept consensus
        </button>
        <button type="button" className="primary" disabled={locked} title={readOnly ?? undefined} onClick={onEdit}>
          {review.draft ? 'Continue editing the gold label' : 'Edit the gold label'}
        </button>
      </div>
      <ActionError error={failure.error} fields={{ guidelineRule: 'Guideline rule', reason: 'Reason' }} onDismiss={failure.clear} />
      {review.history.length > 0 && (
        <ol className="decision-history" aria-label="Decision history">
          {review.history.map((d) => (
            <li key={d.revision}>
              <strong>{d.revision}.</strong> {CHOICE_TEXT[d.choice]}
              {d.sourceLabelerId !== null && ` (${name(d.sourceLabelerId)})`} by {deciderName(d.decidedBy)}, {new Date(d.decidedAt).toLocaleString()}
              {d.guidelineRule && <span className="rule"> · {d.guidelineRule}</span>}
              {d.reason && <div className="muted">“{d.reason}”</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
