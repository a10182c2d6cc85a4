import { countOf } from '../../shared/text/plural';
import { useWholeNumberField, WholeNumberInput } from '../ui/WholeNumberField';
import { baselineSourceName, type OfferState } from './use-offer-run';

/**
 * The settings and progress of offering a finished run as pre-labels: how sure the model must be
 * for a clip to get its transcript or a box to be kept, then how far the prediction has gone, and where the
 * result is offered from.
 */
export function OfferAsPrelabels({
  runId,
  version,
  kind,
  state,
  onStart,
  onCancel,
}: {
  runId: number;
  version: number;
  kind: 'clips' | 'images';
  state: OfferState;
  onStart(minConfidence: number): void;
  onCancel(): void;
}) {
  const threshold = useWholeNumberField(80, { min: 0, max: 100 });
  const mine = state.runId === runId;
  const running = mine && state.phase === 'running';
  const source = baselineSourceName(runId);
  return (
    <section className="offer-prelabels" aria-label={`Offer run ${runId} as pre-labels`}>
      <p className="muted">
        {kind === 'images'
          ? `Run ${runId}’s model looks for boxes in the project’s images outside v${version} that not every labeler has submitted, and stores them as the prediction source “${source}”. A confident wrong box pulls labelers towards it: only boxes the model is sure enough of are kept, and an image with none gets no pre-label.`
          : `Run ${runId}’s model transcribes the project’s clips outside v${version} that not every labeler has submitted, and stores its answers as the prediction source “${source}”. A confident wrong transcript pulls labelers towards it: only clips the model is sure enough of get one.`}
      </p>
      <div className="train-bar">
        <WholeNumberInput label="Only where the model is at least (%) sure" field={threshold} disabled={running} />
        <button
          type="button"
          className="primary"
          disabled={running || !threshold.reading.ok}
          onClick={() => threshold.reading.ok && onStart(threshold.reading.value / 100)}
        >
          Predict and store
        </button>
        {running && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {mine && state.phase !== 'idle' && (
        <p role="status" data-testid="offer-status" data-phase={state.phase}>
          {statusText(state, source, kind)}
        </p>
      )}
    </section>
  );
}

function statusText(state: OfferState, source: string, kind: 'clips' | 'images'): string {
  const counts = [
    `${countOf(state.done, kind === 'images' ? 'image' : 'clip')} of ${state.total ?? '…'} predicted`,
    `${countOf(state.stored, 'pre-label')} stored`,
    kind === 'images' ? `${state.unsure} with no box above the threshold` : `${state.unsure} below the threshold`,
    ...(state.unreadable > 0 ? [`${state.unreadable} unreadable`] : []),
  ].join(' · ');
  if (state.phase === 'running') return `${counts}…`;
  if (state.phase === 'error') return `${counts} · stopped: ${state.error}`;
  const where = `An SME offers “${source}” to labelers on the Agreement screen (Pre-labels and anchoring), where a share of assignments stays blind.`;
  return state.phase === 'cancelled' ? `${counts} · cancelled: “${source}” keeps what was stored. ${where}` : `${counts} · done. ${where}`;
}
