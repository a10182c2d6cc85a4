import { useEffect, useRef, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { classificationReport } from '../../shared/analysis/classification-report';
import type { DatasetSummary } from '../../shared/domain/dataset';
import type { ProjectSummary } from '../../shared/domain/project';
import type { CropsForTraining } from '../../shared/domain/training';
import { api } from '../api/api';
import { reportError } from '../stores/notices';
import { AnalysisPanel } from './AnalysisPanel';
import { PredictionsCard } from './PredictionsCard';
import { useTrainer } from './use-trainer';

/** Crops trained on by the sanity check: a pipeline that cannot overfit these has a bug. */
const SANITY_CROPS = 20;

/**
 * Train & analyse: a quick baseline on a dataset version's box crops, trained in a worker with
 * live curves, then where it falls short of human-level performance and which labels it doubts.
 */
export function TrainScreen({ project }: { project: ProjectSummary }) {
  const [versions, setVersions] = useState<DatasetSummary[] | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [loaded, setLoaded] = useState<{ version: number; crops: CropsForTraining; pixels: Uint8Array } | null>(null);
  const data = loaded !== null && loaded.version === version ? loaded : null;
  // What the last run trained on: its results only make sense against those very crops.
  const [trainedOn, setTrainedOn] = useState<{ version: number; crops: number } | null>(null);
  const runData = data !== null && trainedOn !== null && data.version === trainedOn.version && data.crops.crops.length === trainedOn.crops ? data : null;
  const [epochs, setEpochs] = useState(15);
  const [mode, setMode] = useState<'full' | 'sanity'>('full');
  const { state, start, cancel } = useTrainer();
  // Bumped when analysis tags a new slice: the crops are read again with their tags and HLP.
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    api.call('datasets.list').then((list) => {
      setVersions(list);
      setVersion(list.at(-1)?.version ?? null);
    }, reportError);
  }, []);
  useEffect(() => {
    if (version !== null && project.kind === 'bbox')
      api
        .call('train.crops', { version, size: 32 })
        .then((crops) => setLoaded({ version, crops, pixels: Uint8Array.from(atob(crops.pixels), (c) => c.charCodeAt(0)) }), reportError);
  }, [version, project.kind, reloads]);

  // A finished full run is kept with its dataset version, once.
  const saved = useRef<object | null>(null);
  useEffect(() => {
    if (state.phase !== 'done' || !state.result || state.result.cancelled || mode !== 'full' || !runData) return;
    if (saved.current === state.result) return;
    saved.current = state.result;
    const data = runData;
    const k = data.crops.classes.length;
    const evaluate = (split: 'dev' | 'test') => {
      const crops = data.crops.crops.map((crop, i) => ({ crop, i })).filter(({ crop }) => crop.split === split);
      const predicted = crops.map(({ i }) => {
        const p = Array.from(state.result!.probabilities.subarray(i * k, (i + 1) * k));
        return p.indexOf(Math.max(...p));
      });
      const report = classificationReport(
        crops.map(({ crop }) => crop.label),
        predicted,
        data.crops.classes.map((c) => c.name),
      );
      return { accuracy: report.accuracy, macroF1: report.macroF1, crops: crops.length };
    };
    const weights = new Uint8Array(state.result.weights);
    let binary = '';
    for (let i = 0; i < weights.length; i += 0x8000) binary += String.fromCharCode(...weights.subarray(i, i + 0x8000));
    api
      .call('train.saveRun', {
        version: data.version,
        backend: state.backend ?? 'unknown',
        epochs: state.epochs.map(({ epoch, loss, accuracy }) => ({ epoch, loss, accuracy })),
        evaluation: { dev: evaluate('dev'), test: evaluate('test') },
        modelJson: state.result.modelJson,
        weightsBase64: btoa(binary),
      })
      .catch(reportError);
  }, [state.phase, state.result, state.backend, state.epochs, mode, runData]);

  if (!versions) return <div className="empty">Loading…</div>;
  if (versions.length === 0) return <div className="empty">Make a dataset version first (Datasets): a baseline trains on its train split.</div>;
  if (project.kind !== 'bbox' && version !== null) {
    return (
      <div className="train-screen">
        <p className="muted">Training in the app works on image projects (box crops) for now; a model trained elsewhere can be measured here.</p>
        <PredictionsCard key={version} version={version} kind={project.kind} />
      </div>
    );
  }

  const run = (which: 'full' | 'sanity') => {
    if (!data) return;
    setMode(which);
    setTrainedOn({ version: data.version, crops: data.crops.crops.length });
    const train = data.crops.crops.flatMap((crop, i) => (crop.split === 'train' ? [i] : []));
    start({
      type: 'train',
      size: data.crops.size,
      pixels: data.pixels.slice(),
      labels: Int32Array.from(data.crops.crops.map((crop) => crop.label)),
      classCount: data.crops.classes.length,
      trainOn: which === 'sanity' ? train.slice(0, SANITY_CROPS) : train,
      epochs: which === 'sanity' ? 40 : epochs,
      seed: 1,
    });
  };
  const last = state.epochs.at(-1);
  return (
    <div className="train-screen">
      <header className="train-bar">
        <label>
          Dataset
          <select value={version ?? ''} disabled={state.phase === 'training'} onChange={(e) => setVersion(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
        {data ? (
          <span className="muted" data-testid="crop-count">
            {data.crops.crops.length} box crops · {data.crops.crops.filter((c) => c.split === 'train').length} to train on · {data.crops.classes.length} classes
          </span>
        ) : (
          <span className="muted">Cutting the crops…</span>
        )}
        <label>
          Epochs
          <input type="number" min={1} max={200} value={epochs} onChange={(e) => setEpochs(Math.max(1, Number(e.target.value)))} />
        </label>
        <button type="button" disabled={!data || state.phase === 'training'} onClick={() => run('sanity')}>
          Sanity check: overfit {SANITY_CROPS} crops
        </button>
        <button type="button" className="primary" disabled={!data || state.phase === 'training'} onClick={() => run('full')}>
          Train
        </button>
        {state.phase === 'training' && (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </header>
      {state.phase !== 'idle' && (
        <section className="card" aria-label="Training">
          <p data-testid="training-status">
            {mode === 'sanity' ? 'Sanity check' : 'Training'} on {state.backend ?? '…'} · epoch {last?.epoch ?? 0} · loss {last ? last.loss.toFixed(3) : '—'} ·
            training accuracy {last ? `${(last.accuracy * 100).toFixed(1)}%` : '—'}
            {state.phase === 'done' && (state.result?.cancelled ? ' · cancelled' : ' · done')}
            {state.phase === 'done' &&
              mode === 'sanity' &&
              last &&
              (last.accuracy >= 0.95 ? ' · the pipeline can learn' : ' · it could not even overfit: check the labels and crops')}
            {state.error && ` · ${state.error}`}
          </p>
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={state.epochs} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="epoch" tick={{ fontSize: 11 }} />
              <YAxis yAxisId="loss" tick={{ fontSize: 11 }} />
              <YAxis yAxisId="accuracy" orientation="right" domain={[0, 1]} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Legend />
              <Line yAxisId="loss" dataKey="loss" stroke="#d55e00" dot={false} isAnimationActive={false} />
              <Line yAxisId="accuracy" dataKey="accuracy" stroke="#0072b2" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </section>
      )}
      {version !== null && <PredictionsCard key={version} version={version} kind={project.kind} />}
      {state.phase === 'done' && mode === 'full' && state.result && runData && (
        <AnalysisPanel data={runData.crops} pixels={runData.pixels} probabilities={state.result.probabilities} onTagged={() => setReloads((n) => n + 1)} />
      )}
    </div>
  );
}
