import { useMemo, useState } from 'react';
import { withBackgroundExamples, withoutBackground } from '../../shared/train/background-class';
import { countOf, nounFor } from '../../shared/text/plural';
import type { ProjectSummary } from '../../shared/domain/project';
import type { ClipTarget } from '../../shared/train/clip-targets';
import { useQuery } from '../api/use-query';
import { QueryError } from '../ui/QueryError';
import { useWholeNumberField, WholeNumberInput } from '../ui/WholeNumberField';
import { AnalysisPanel } from './AnalysisPanel';
import { FinishedRuns } from './FinishedRuns';
import { PredictionsCard } from './PredictionsCard';
import { sanitySubset } from './sanity-subset';
import { SANITY_EPOCHS, SANITY_EXAMPLES, TRAINING_SEED } from './training-constants';
import { TrainingCurve } from './TrainingCurve';
import { useSaveRun } from './use-save-run';
import { useTrainer } from './use-trainer';
import { useTrainingSet, type LoadedSet } from './use-training-set';
import './train.css';

const TRANSCRIPT_TARGET: ClipTarget = { kind: 'transcript' };
const MAX_EPOCHS = 200;

/**
 * Train & analyse: a quick baseline on a dataset version (box crops, or clip spectrograms for a
 * tag or for few distinct transcripts), trained in a worker with live curves, then where it falls
 * short of human-level performance and which labels it doubts.
 */
export function TrainScreen({ project }: { project: ProjectSummary }) {
  const { data: versions, error: versionsError, refresh: refreshVersions } = useQuery('datasets.list');
  // Until the user picks one, the newest version is trained on.
  const [picked, setPicked] = useState<number | null>(null);
  const version = picked ?? versions?.at(-1)?.version ?? null;
  const [target, setTarget] = useState<ClipTarget>(TRANSCRIPT_TARGET);
  // Read again when analysis tags a new slice: the set comes back with its tags and HLP.
  const { loaded, error, reload } = useTrainingSet(project.kind, version, target);
  // What the last run trained on, and for how long: its results only make sense against that very set.
  const [trainedOn, setTrainedOn] = useState<{ key: string; examples: number; epochs: number; mode: 'full' | 'sanity'; background: boolean } | null>(null);
  const runData = loaded !== null && trainedOn !== null && loaded.key === trainedOn.key && loaded.set.examples.length === trainedOn.examples ? loaded : null;
  // Kept as typed, so it can be cleared and retyped; a run starts only from a valid count.
  const epochsField = useWholeNumberField(15, { min: 1, max: MAX_EPOCHS });
  const epochs = epochsField.reading.ok ? epochsField.reading.value : null;
  const mode = trainedOn?.mode ?? 'full';
  const { state, start, cancel } = useTrainer();
  // Runs outlive the screen: read from where they are kept, again after each one is saved.
  const runs = useQuery('train.runs', { version: version ?? 0 }, { enabled: version !== null });
  const withBackground = trainedOn?.background === true;
  // A box model trained with background: its analysis and scores are over the drawn boxes' classes only.
  const probabilities = useMemo(() => {
    const result = state.result;
    if (!result || !runData) return null;
    const k = runData.set.classes.length;
    return withBackground ? withoutBackground(result.probabilities, runData.set.examples.length, k + 1, k) : result.probabilities;
  }, [state.result, runData, withBackground]);
  useSaveRun(state, runData, probabilities, withBackground, mode === 'full', runs.refresh);

  if (!versions) {
    return (
      <div className="empty">
        {versionsError ? <QueryError error={versionsError} what="list the dataset versions" onRetry={() => void refreshVersions()} /> : 'Loading…'}
      </div>
    );
  }
  if (versions.length === 0) return <div className="empty">Make a dataset version first (Datasets): a baseline trains on its train split.</div>;

  const trainOf = (data: LoadedSet) => data.set.examples.flatMap((example, i) => (example.split === 'train' ? [i] : []));
  const run = (which: 'full' | 'sanity', data: LoadedSet) => {
    const labels = Int32Array.from(data.set.examples, (example) => example.label);
    const trainOn = which === 'sanity' ? sanitySubset(trainOf(data), labels, SANITY_EXAMPLES) : trainOf(data);
    const runEpochs = which === 'sanity' ? SANITY_EPOCHS : epochs;
    if (runEpochs === null) return;
    // A full box run also learns "nothing here" from background crops, so it can find boxes, not just name them.
    const background = which === 'full' && data.background && data.background.count > 0 ? data.background : null;
    setTrainedOn({ key: data.key, examples: data.set.examples.length, epochs: runEpochs, mode: which, background: background !== null });
    const examples = { inputs: data.inputs.slice(), labels, classCount: data.set.classes.length, trainOn };
    const { inputs, classCount, ...chosen } = background ? withBackgroundExamples(examples, background.inputs, background.count) : examples;
    start({
      type: 'train',
      shape: data.shape,
      inputs,
      labels: chosen.labels,
      classCount,
      plan: { kind: 'fit', trainOn: chosen.trainOn },
      epochs: runEpochs,
      seed: TRAINING_SEED,
    });
  };
  const busy = state.phase === 'training';
  const last = state.epochs.at(-1);
  const cancelled = state.result?.cancelled === true;
  const trainCount = loaded ? trainOf(loaded).length : 0;
  const sanityCount = loaded
    ? sanitySubset(
        trainOf(loaded),
        Int32Array.from(loaded.set.examples, (e) => e.label),
        SANITY_EXAMPLES,
      ).length
    : 0;
  const unit = (count: number) => (project.kind === 'bbox' ? countOf(count, 'box crop') : countOf(count, 'clip'));
  return (
    <div className="train-screen">
      <header className="train-bar">
        <label>
          Dataset
          <select value={version ?? ''} disabled={busy} onChange={(e) => setPicked(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
        {project.kind === 'transcript' && (
          <label>
            Predict
            {/* Named here: a wrapping label would also read out the chosen option. */}
            <select
              aria-label="Predict"
              value={target.kind === 'tag' ? target.tag : ''}
              disabled={busy}
              onChange={(e) => setTarget(e.target.value === '' ? TRANSCRIPT_TARGET : { kind: 'tag', tag: e.target.value })}
            >
              <option value="">the transcript (few distinct ones)</option>
              {project.tags.map((tag) => (
                <option key={tag.id} value={tag.name}>
                  the tag “{tag.name}”
                </option>
              ))}
            </select>
          </label>
        )}
        {loaded ? (
          <span className="muted" data-testid="example-count">
            {unit(loaded.set.examples.length)} · {loaded.set.examples.filter((e) => e.split === 'train').length} to train on ·{' '}
            {countOf(loaded.set.classes.length, 'class', 'classes')}
          </span>
        ) : (
          <span className="muted">{error ? '' : project.kind === 'bbox' ? 'Cutting the crops…' : 'Reading the clips…'}</span>
        )}
        <WholeNumberInput label="Epochs" field={epochsField} disabled={busy} />
        <button type="button" disabled={!loaded || busy || sanityCount === 0} onClick={() => loaded && run('sanity', loaded)}>
          Sanity check: overfit {unit(sanityCount)}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!loaded || busy || trainCount === 0 || epochs === null}
          onClick={() => loaded && run('full', loaded)}
        >
          Train
        </button>
        {loaded && trainCount === 0 && <span className="muted">The train split of this version is empty.</span>}
        {busy && (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </header>
      {error && (
        <p className="card" role="alert" data-testid="training-set-error">
          {error}
        </p>
      )}
      {loaded && loaded.set.problems.length > 0 && (
        <details className="card">
          <summary>
            {project.kind === 'bbox'
              ? `${countOf(loaded.set.problems.length, 'image')} left out: ${nounFor(loaded.set.problems.length, 'it', 'they')} could not be read`
              : `${countOf(loaded.set.problems.length, 'clip')} left out: ${nounFor(loaded.set.problems.length, 'its', 'their')} audio could not be read`}
          </summary>
          <ul className="muted">
            {loaded.set.problems.map((p) => (
              <li key={p.fileName}>
                {p.fileName}: {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      {(busy || (state.phase !== 'idle' && runData)) && (
        <section className="card" aria-label="Training">
          <p data-testid="training-status" role="status">
            {mode === 'sanity' ? 'Sanity check' : 'Training'} on {state.backend ?? '…'} · epoch {last?.epoch ?? 0} · loss {last ? last.loss.toFixed(3) : '—'} ·
            training accuracy {last ? `${(last.accuracy * 100).toFixed(1)}%` : '—'}
            {state.phase === 'done' && (cancelled ? ' · cancelled' : ' · done')}
            {state.phase === 'done' &&
              !cancelled &&
              mode === 'sanity' &&
              last &&
              (last.accuracy >= 0.95 ? ' · the pipeline can learn' : ' · it could not even overfit: check the labels and inputs')}
            {state.error && ` · ${state.error}`}
          </p>
          <TrainingCurve epochs={state.epochs} />
        </section>
      )}
      {version !== null && <FinishedRuns version={version} runs={runs.data} error={runs.error} onRetry={() => void runs.refresh()} />}
      {version !== null && <PredictionsCard key={version} version={version} kind={project.kind} />}
      {state.phase === 'done' && mode === 'full' && probabilities && !cancelled && runData && trainedOn && (
        <AnalysisPanel loaded={runData} probabilities={probabilities} epochs={trainedOn.epochs} onTagged={reload} />
      )}
    </div>
  );
}
