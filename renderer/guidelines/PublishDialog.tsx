import { useState } from 'react';
import { DISAGREEMENT_TYPES } from '../../shared/disagreement/types';
import type { GuidelineDraft } from '../../shared/domain/guideline';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { ActionError, useActionError } from '../ui/ActionError';
import { QueryError } from '../ui/QueryError';
import { countOf } from '../../shared/text/plural';

interface PublishDialogProps {
  draft: GuidelineDraft;
  nextVersion: number;
  onPublished(version: number): void;
  onCancel(): void;
}

/**
 * Publishing: the changelog entry (required), and which samples go back to their labelers to
 * relabel under the new version: by default those whose disagreements are of the types this
 * revision addresses.
 */
export function PublishDialog({ draft, nextVersion, onPublished, onCancel }: PublishDialogProps) {
  const [changelog, setChangelog] = useState('');
  // The worst thousand disagreements: more would not be chosen one by one.
  const { data: queue, error } = useQuery('review.queue', { limit: 1000 });
  const candidates = queue?.items ?? null;
  // Until the user ticks or unticks one, the samples chosen are those this revision addresses.
  const [picked, setPicked] = useState<Set<number> | null>(null);
  const chosen = picked ?? new Set(candidates?.filter((item) => draft.addresses.some((type) => (item.types[type] ?? 0) > 0)).map((item) => item.sampleId));
  const [busy, setBusy] = useState(false);

  // A refused publication (the draft changed meanwhile, an empty changelog) is said in the dialog.
  const failure = useActionError();
  const publish = async () => {
    setBusy(true);
    await failure.run(async () => {
      const published = await api.call('guidelines.publish', { changelog, requeueSampleIds: [...chosen], baseRevision: draft.revision });
      onPublished(published.version);
    });
    setBusy(false);
  };
  const toggle = (sampleId: number) => setPicked(new Set(chosen.has(sampleId) ? [...chosen].filter((id) => id !== sampleId) : [...chosen, sampleId]));

  return (
    <div className="modal-backdrop">
      <div className="modal card" role="dialog" aria-modal="true" aria-labelledby="publish-title">
        <h2 id="publish-title">Publish guideline v{nextVersion}</h2>
        <label>
          Changelog (required)
          <textarea value={changelog} rows={3} onChange={(e) => setChangelog(e.target.value)} placeholder="What changed, and why" />
        </label>
        <h3>Relabel under v{nextVersion}</h3>
        {draft.addresses.length > 0 && (
          <p className="muted">This revision addresses: {draft.addresses.map((type) => DISAGREEMENT_TYPES[type].label).join(', ')}.</p>
        )}
        {candidates === null ? (
          error ? (
            <QueryError error={error} what="find the samples to relabel" />
          ) : (
            <p className="muted">Finding the samples…</p>
          )
        ) : (
          <ul className="requeue-list" aria-label="Samples to relabel">
            {candidates.map((item) => (
              <li key={item.sampleId}>
                <label className="checkbox">
                  <input type="checkbox" checked={chosen.has(item.sampleId)} onChange={() => toggle(item.sampleId)} />
                  {item.displayName}
                  <span className="muted">
                    {' '}
                    {Object.keys(item.types)
                      .map((type) => DISAGREEMENT_TYPES[type as keyof typeof DISAGREEMENT_TYPES].label)
                      .join(', ')}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <ActionError error={failure.error} fields={{ requeueSampleIds: 'Samples to relabel', baseRevision: 'Draft' }} onDismiss={failure.clear} />
        <div className="modal-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={busy || changelog.trim() === ''} onClick={() => void publish()}>
            Publish v{nextVersion} and re-queue {countOf(chosen.size, 'sample')}
          </button>
        </div>
      </div>
    </div>
  );
}
