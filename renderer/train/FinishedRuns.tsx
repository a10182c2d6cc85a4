import { useState } from 'react';
import { percent } from '../../shared/agreement';
import { mayCall } from '../../shared/api/access';
import type { TrainingRun } from '../../shared/domain/training';
import { countOf } from '../../shared/text/plural';
import type { QueryFailure } from '../api/query-state';
import { useProjectStore } from '../stores/project-store';
import { QueryError } from '../ui/QueryError';
import { OfferAsPrelabels } from './OfferAsPrelabels';
import { useOfferRun } from './use-offer-run';

/**
 * The runs kept with a dataset version, newest first: they outlive the screen, so a run
 * finished before leaving Train is still here on return. A run that transcribes clips or finds
 * boxes can be offered as pre-labels for the samples still to be labeled.
 */
export function FinishedRuns({
  version,
  runs,
  error,
  onRetry,
}: {
  version: number;
  runs: TrainingRun[] | undefined;
  error: QueryFailure | null;
  onRetry(): void;
}) {
  const mayOffer = useProjectStore((s) => mayCall(s.account?.role, 'prelabels.storeBatch'));
  const [offering, setOffering] = useState<number | null>(null);
  const offer = useOfferRun();
  if (!runs || runs.length === 0) return <QueryError error={error} what="read the finished runs" onRetry={onRetry} />;
  const busy = offer.state.phase === 'running';
  const newestFirst = [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <section className="card" aria-label="Finished runs">
      <h2>Finished runs on v{version}</h2>
      <QueryError error={error} what="read the finished runs" onRetry={onRetry} />
      <div className="table-scroll">
        <table className="figures" aria-label="Finished runs">
          <thead>
            <tr>
              <th>finished</th>
              <th>model of</th>
              <th>epochs</th>
              <th>dev accuracy</th>
              <th>test accuracy</th>
              <th>backend</th>
              {mayOffer && <th>pre-labels</th>}
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((run) => (
              <tr key={run.id} data-run-id={run.id}>
                <th scope="row">{new Date(run.createdAt).toLocaleString()}</th>
                <td>{inputName(run)}</td>
                <td>{run.epochs.length}</td>
                <td>{evaluationText(run.evaluation.dev)}</td>
                <td>{evaluationText(run.evaluation.test)}</td>
                <td>{run.backend}</td>
                {mayOffer && (
                  <td>
                    {canPrelabel(run) ? (
                      <button type="button" disabled={busy} aria-pressed={offering === run.id} onClick={() => setOffering(run.id)}>
                        Offer as pre-labels
                      </button>
                    ) : (
                      <span className="muted">{prelabelRefusal(run)}</span>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mayOffer && offering !== null && (
        <OfferAsPrelabels
          key={offering}
          runId={offering}
          version={version}
          kind={runs.find((r) => r.id === offering)?.input.kind === 'crops' ? 'images' : 'clips'}
          state={offer.state}
          onStart={(minConfidence) => offer.start(offering, version, minConfidence)}
          onCancel={offer.cancel}
        />
      )}
    </section>
  );
}

/** A run that transcribes clips, or finds boxes (trained with a background class), kept with its classes, can give a labeler a starting label. */
function canPrelabel(run: TrainingRun): boolean {
  if ((run.classes?.length ?? 0) === 0) return false;
  return run.input.kind === 'crops' ? run.input.detector !== undefined : run.input.target.kind === 'transcript';
}

function prelabelRefusal(run: TrainingRun): string {
  if (run.input.kind === 'crops' && run.input.detector === undefined) return 'names drawn boxes only: train again to find boxes';
  if (run.input.kind === 'clips' && run.input.target.kind === 'tag') return 'predicts a tag';
  return 'kept without its classes';
}

function inputName(run: TrainingRun): string {
  if (run.input.kind === 'crops') return run.input.detector ? 'boxes (finds them)' : 'box crops';
  return run.input.target.kind === 'tag' ? `the tag “${run.input.target.tag}”` : 'the transcript';
}

function evaluationText({ accuracy, examples }: TrainingRun['evaluation']['dev']): string {
  return examples === 0 ? '—' : `${percent(accuracy)} over ${countOf(examples, 'example')}`;
}
