import { useId, useMemo, useState } from 'react';
import { proposeLabelErrors, type LabelErrorProposal } from '../../shared/analysis/label-errors';
import { percent } from '../../shared/agreement';
import { foldsBySample, judgeable } from '../../shared/train/folds';
import { api } from '../api/api';
import { useNotices } from '../stores/notices';
import { ActionError, useActionError } from '../ui/ActionError';
import { ExampleMedia } from './ExampleMedia';
import { TRAINING_SEED } from './training-constants';
import type { LoadedSet } from './use-training-set';
import { useTrainer } from './use-trainer';
import { countOf } from '../../shared/text/plural';

const SHOWN = 12;
const FOLDS = 4;

/**
 * Labels the model doubts (confident learning), to send back to labelers. Confident learning
 * needs probabilities from a model that did not train on the example: at first those of the dev
 * and test examples; cross-validation gives every example such probabilities, at k runs' cost.
 */
export function LabelErrors({ loaded, heldOut, epochs }: { loaded: LoadedSet; heldOut: { indices: number[]; probabilities: number[][] }; epochs: number }) {
  const { set } = loaded;
  const names = set.classes.map((c) => c.name);
  const k = names.length;
  const labels = set.examples.map((e) => e.label);
  const sampleIds = set.examples.map((e) => e.sampleId);
  // Fewer samples than folds would leave folds empty: as many folds as samples, down to two.
  const folds = Math.min(FOLDS, new Set(sampleIds).size);
  const plan = useMemo(
    () =>
      foldsBySample(
        set.examples.map((e) => e.sampleId),
        set.examples.map((e) => e.label),
        folds,
        TRAINING_SEED,
      ),
    [set, folds],
  );
  const cv = useTrainer();
  const crossValidated = cv.state.phase === 'done' && cv.state.result && !cv.state.result.cancelled ? cv.state.result.probabilities : null;
  const judged = crossValidated ? judgeable(plan, labels).flatMap((ok, i) => (ok ? [i] : [])) : [];
  const pool = crossValidated ? { indices: judged, probabilities: judged.map((i) => Array.from(crossValidated.subarray(i * k, (i + 1) * k))) } : heldOut;
  const proposal = proposeLabelErrors(
    pool.probabilities,
    pool.indices.map((i) => labels[i]!),
  );
  const suspects = proposal.suspects.slice(0, SHOWN).map((suspect) => ({ ...suspect, index: pool.indices[suspect.index]! }));

  const [sent, setSent] = useState<Set<number>>(new Set());
  const failure = useActionError();
  const sendBack = async (sampleId: number, reason: string) => {
    await api.call('train.requestRelabel', { sampleIds: [sampleId], reason });
    setSent((s) => new Set([...s, sampleId]));
    useNotices.getState().show('info', 'Sent back to its labelers, with the reason.');
  };
  const crossValidate = () =>
    cv.start({
      type: 'train',
      shape: loaded.shape,
      inputs: loaded.inputs.slice(),
      labels: Int32Array.from(labels),
      classCount: k,
      plan: { kind: 'crossValidate', folds: plan, k: folds },
      epochs,
      seed: TRAINING_SEED,
    });
  const unjudged = set.examples.length - judged.length;
  const idPrefix = useId();

  return (
    <section className="card" aria-label="Likely label errors">
      <h2>Likely label errors</h2>
      <div className="train-bar">
        <span className="muted" data-testid="label-error-source" role="status">
          {crossValidated
            ? `Every label checked: ${folds}-fold cross-validation over ${countOf(set.examples.length, 'example')}` +
              (unjudged > 0 ? ` (${unjudged} of classes too rare to check: their class has no example outside their fold)` : '')
            : `From the ${countOf(heldOut.indices.length, 'dev or test example', 'dev and test examples')} the model did not train on`}
        </span>
        {cv.state.phase === 'training' ? (
          <>
            <span className="muted" data-testid="cross-validation-status">
              Fold {(cv.state.fold ?? 0) + 1} of {folds} · epoch {cv.state.epochs.at(-1)?.epoch ?? 0}
            </span>
            <button type="button" onClick={cv.cancel}>
              Cancel
            </button>
          </>
        ) : (
          !crossValidated &&
          folds >= 2 && (
            <button type="button" onClick={crossValidate}>
              Check every label ({folds}-fold)
            </button>
          )
        )}
        {cv.state.error && (
          <span className="muted" role="alert">
            {cv.state.error}
          </span>
        )}
      </div>
      {!proposal.trusted ? (
        <p className="muted" data-testid="label-errors-untrusted">
          {untrustedReason(proposal, names)}
        </p>
      ) : suspects.length === 0 ? (
        <p className="muted">The model agrees with every label it was shown.</p>
      ) : (
        <ul className="label-errors">
          {suspects.map((s) => {
            const example = set.examples[s.index]!;
            const reason = `The baseline model thinks this “${names[s.given]}” is “${names[s.suggested]}” (${Math.round(s.suggestedProbability * 100)}%).`;
            const describedBy = `${idPrefix}-${s.index}`;
            return (
              <li key={s.index}>
                <ExampleMedia loaded={loaded} index={s.index} />
                <span id={describedBy}>
                  {example.fileName}: labeled <strong>{names[s.given]}</strong>, model says <strong>{names[s.suggested]}</strong> (
                  {Math.round(s.suggestedProbability * 100)}%)
                </span>
                <button
                  type="button"
                  aria-describedby={describedBy}
                  disabled={sent.has(example.sampleId)}
                  onClick={() => void failure.run(() => sendBack(example.sampleId, reason))}
                >
                  {sent.has(example.sampleId) ? 'Sent' : 'Send to relabel'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ActionError error={failure.error} onDismiss={failure.clear} />
    </section>
  );
}

/** Why a model's doubts are not proposed: it does no better than always giving the commonest class. */
function untrustedReason(proposal: Extract<LabelErrorProposal, { trusted: false }>, names: readonly string[]): string {
  if (proposal.commonestClass === null) return 'No example was held out from training, so no label can be checked yet.';
  return (
    `No label errors proposed: on the examples it did not train on, this model is right ${percent(proposal.accuracy)} of the time, ` +
    `no better than always answering “${names[proposal.commonestClass]}” (${percent(proposal.baselineAccuracy)}). ` +
    'Its doubts would send right labels back; train longer or on more examples first.'
  );
}
