import { useState } from 'react';
import { MAX_SENT_PREDICTIONS_BYTES, type PredictionFormat, type PrelabelImportResult } from '../../shared/domain/prelabel';
import type { ProjectKind } from '../../shared/domain/project';
import { countOf } from '../../shared/text/plural';
import { api } from '../api/api';
import { ActionError, useActionError } from '../ui/ActionError';

const FORMAT_NAMES: Record<PredictionFormat, string> = {
  'coco-results': 'COCO results (.json)',
  'label-studio': 'Label Studio export with predictions (.json)',
  jsonl: 'JSONL transcripts (file, text)',
};

/** The formats that fit a project: boxes come as COCO results, text as JSONL; Label Studio carries either. */
const formatsFor = (kind: ProjectKind): PredictionFormat[] => (kind === 'bbox' ? ['coco-results', 'label-studio'] : ['jsonl', 'label-studio']);

/**
 * "Import predictions…": a model's output picked on this computer and sent through the contract
 * as the file's text, so it works the same in a browser (whose files the host cannot read) and in
 * the desktop app. Says what was stored, or why nothing was, in place.
 */
export function PredictionImport({ kind, onImported }: { kind: ProjectKind; onImported(): void }) {
  const [source, setSource] = useState('');
  const [format, setFormat] = useState<PredictionFormat>(formatsFor(kind)[0]!);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<PrelabelImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const failure = useActionError();

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setResult(null);
    failure.clear();
    if (!chosen) return;
    if (/\.jsonl$/i.test(chosen.name) && kind === 'transcript') setFormat('jsonl');
    // A model's file is usually named after the run: a fair first name for the source.
    if (source.trim() === '') setSource(chosen.name.replace(/\.[^.]*$/, '').slice(0, 80));
  };
  const send = async () => {
    if (!file) return;
    if (file.size > MAX_SENT_PREDICTIONS_BYTES)
      throw new Error(`${file.name} is larger than 7 MB: import it with the CLI (concord prelabels import), which reads it where the project is.`);
    setBusy(true);
    try {
      setResult(await api.call('prelabels.import', { source: source.trim(), format, file: { name: file.name, text: await file.text() }, minScore: 0.5 }));
      onImported();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="prediction-import"
      aria-label="Import predictions"
      onSubmit={(event) => {
        event.preventDefault();
        setResult(null);
        void failure.run(send);
      }}
    >
      <h3>Import predictions…</h3>
      <div className="prelabel-settings">
        <label>
          Predictions file
          <input type="file" accept=".json,.jsonl,application/json" onChange={(event) => choose(event.target.files?.[0] ?? null)} />
        </label>
        <label>
          Format
          <select value={format} onChange={(event) => setFormat(event.target.value as PredictionFormat)}>
            {formatsFor(kind).map((f) => (
              <option key={f} value={f}>
                {FORMAT_NAMES[f]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Model (source name)
          <input className="source-name" value={source} maxLength={80} onChange={(event) => setSource(event.target.value)} />
        </label>
        <button type="submit" disabled={!file || source.trim() === '' || busy}>
          Import
        </button>
      </div>
      <ActionError error={failure.error} fields={{ source: 'Model', file: 'Predictions file', path: 'Predictions file' }} onDismiss={failure.clear} />
      {result && <ImportResult result={result} />}
    </form>
  );
}

function ImportResult({ result }: { result: PrelabelImportResult }) {
  const what =
    result.boxes === null
      ? `transcripts of ${countOf(result.imported, 'sample')}`
      : `${countOf(result.boxes, 'box', 'boxes')} on ${countOf(result.imported, 'sample')}`;
  return (
    <div className="prelabel-import-result" data-testid="prelabel-import-result" data-imported={result.imported}>
      <p>
        Imported {what} from “{result.source}”{result.problems.length > 0 && `; ${countOf(result.problems.length, 'row')} left out`}.
      </p>
      {result.problems.length > 0 && (
        <ul className="muted" aria-label="Predictions left out">
          {result.problems.slice(0, 10).map((p, index) => (
            <li key={index}>
              {p.where}: {p.message}
            </li>
          ))}
          {result.problems.length > 10 && <li>and {result.problems.length - 10} more</li>}
        </ul>
      )}
    </div>
  );
}
