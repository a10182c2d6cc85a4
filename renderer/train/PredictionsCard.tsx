import { useRef, useState } from 'react';
import { sliceTable } from '../../shared/analysis/slice-table';
import { percent } from '../../shared/agreement';
import type { ScoredPredictions } from '../../shared/domain/training';
import { api } from '../api/api';
import { ActionError, useActionError } from '../ui/ActionError';
import { PredictionPreview } from './PredictionPreview';
import { SliceTable } from './SliceTable';
import { countOf } from '../../shared/text/plural';

const WORST = 12;

/**
 * A model trained elsewhere: its predictions for the dataset version (COCO results, or JSONL of
 * `file` and `text`), scored against the version's labels and set against human-level
 * performance per slice.
 */
export function PredictionsCard({ version, kind }: { version: number; kind: 'bbox' | 'transcript' }) {
  const [path, setPath] = useState('');
  const [result, setResult] = useState<ScoredPredictions | null>(null);
  const [slice, setSlice] = useState('all');
  const format = kind === 'bbox' ? 'coco-results' : 'jsonl';
  // Only the latest "Score them" counts: an earlier, slower answer must not overwrite it.
  const latest = useRef(0);
  const failure = useActionError();
  const load = async () => {
    const asked = ++latest.current;
    const scored = await api.call('train.predictions', { version, format, path: path.trim() });
    if (asked !== latest.current) return;
    setResult(scored);
    setSlice('all');
  };
  const slices = result ? sliceTable(result.scored, new Map(result.hlp.map((h) => [h.slice, h.value]))) : [];
  const worst = result
    ? result.scored
        .filter((s) => slice === 'all' || s.tags.includes(slice))
        .sort((x, y) => x.score - y.score)
        .slice(0, WORST)
    : [];

  return (
    <section className="card" aria-label="Imported predictions">
      <h2>Predictions made elsewhere</h2>
      <div className="train-bar">
        <input
          aria-label="Predictions file"
          value={path}
          placeholder={kind === 'bbox' ? '/path/to/results.json (COCO results)' : '/path/to/predictions.jsonl (file, text)'}
          onChange={(e) => {
            setPath(e.target.value);
            failure.clear();
          }}
        />
        <button type="button" disabled={path.trim() === ''} onClick={() => void failure.run(load)}>
          Score them
        </button>
      </div>
      <ActionError error={failure.error} fields={{ path: 'Predictions file' }} onDismiss={failure.clear} />
      {result && (
        <>
          <p className="muted" data-testid="predictions-summary">
            {result.scored.length} scored ({kind === 'bbox' ? 'box F1' : '1 − WER'}) · {result.missing} without a prediction
            {result.problems.length > 0 && ` · ${countOf(result.problems.length, 'problem')}`}
          </p>
          {result.problems.length > 0 && (
            <ul className="muted">
              {result.problems.slice(0, 10).map((p) => (
                <li key={p.where}>
                  {p.where}: {p.message}
                </li>
              ))}
            </ul>
          )}
          <SliceTable rows={slices} label="Imported predictions by slice" selected={slice} onSelect={setSlice} />
          <h3>Worst predictions: {slice}</h3>
          <ol className="worst-predictions" aria-label={`Worst predictions of ${slice}`}>
            {worst.map((s) => (
              <li key={s.sampleId}>
                <PredictionPreview scored={s} />
                <span>
                  <strong>{s.fileName}</strong> ({s.split}) {percent(s.score)}
                  <br />
                  gold: {s.gold}
                  <br />
                  predicted: {s.prediction}
                  {s.tags.length > 0 && <span className="muted"> · {s.tags.join(', ')}</span>}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
