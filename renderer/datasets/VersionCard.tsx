import { useState } from 'react';
import { BOX_FORMATS, FORMAT_LABELS, TRANSCRIPT_FORMATS, type DatasetSummary, type ExportFormat } from '../../shared/domain/dataset';
import { percent } from '../../shared/agreement';
import { SPLITS } from '../../shared/dataset/splits';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { ActionError, useActionError } from '../ui/ActionError';
import { useReadOnly } from '../ui/read-only';
import { FolderField } from '../ui/FolderField';
import { QueryError } from '../ui/QueryError';
import { countOf } from '../../shared/text/plural';

/** A version's card: what it holds and how it was made, its export, and how it differs from another. */
export function VersionCard({ summary, versions }: { summary: DatasetSummary; versions: DatasetSummary[] }) {
  const classNames = [...new Set(SPLITS.flatMap((split) => Object.keys(summary.classes[split])))].sort();
  return (
    <article className="version-card" aria-label={`Dataset v${summary.version}`}>
      <header className="guideline-header">
        <h1>Dataset v{summary.version}</h1>
        <span className="muted">
          made {new Date(summary.createdAt).toLocaleString()} · hash <code title={summary.contentHash}>{summary.contentHash.slice(0, 12)}</code>
        </span>
      </header>
      <div className="agreement-grid">
        <section className="card">
          <h2>Splits</h2>
          <table className="figures" aria-label="Samples per split">
            <tbody>
              {SPLITS.map((split) => (
                <tr key={split}>
                  <th scope="row">{split}</th>
                  <td>{summary.counts[split]}</td>
                  <td className="muted">
                    {classNames
                      .filter((name) => summary.classes[split][name])
                      .map((name) => `${summary.classes[split][name]} ${name}`)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Ratios {summary.options.ratios.join(' / ')}, seed {summary.options.seed}
            {summary.options.stratifyTags.length > 0 && `, balanced on ${summary.options.stratifyTags.join(', ')}`}
            {summary.options.pinTestFrom !== null && `, test split of v${summary.options.pinTestFrom} kept`}.
          </p>
        </section>
        <section className="card">
          <h2>Labels</h2>
          <ul className="plain">
            <li>{summary.bySource.gold} decided by an SME</li>
            <li>
              {summary.bySource.consensus} consensus (agreement ≥ {percent(summary.options.minAgreement)})
            </li>
            <li>{summary.bySource.single} labeled once</li>
            {summary.bySource.flagged > 0 && <li>{summary.bySource.flagged} unresolved, flagged</li>}
            <li>{summary.excluded} left out</li>
          </ul>
          <p>
            Agreement between labelers {percent(summary.agreement.value)}
            {summary.agreement.low !== null && ` (95% interval ${percent(summary.agreement.low)}–${percent(summary.agreement.high)})`}
          </p>
          <p className="muted">
            Guideline {summary.guidelines.map((g) => `v${g.version}`).join(', ')} · labelers {summary.labelers.join(', ')}
          </p>
        </section>
        <ExportForm summary={summary} />
        {versions.length > 1 && <CompareWith summary={summary} versions={versions} />}
      </div>
    </article>
  );
}

function ExportForm({ summary }: { summary: DatasetSummary }) {
  const formats = summary.kind === 'bbox' ? BOX_FORMATS : TRANSCRIPT_FORMATS;
  const [format, setFormat] = useState<ExportFormat>(formats[0]!);
  const [outDir, setOutDir] = useState('');
  const [copyMedia, setCopyMedia] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  // Every export is recorded in the audit log, which a read-only view cannot write.
  const readOnly = useReadOnly();
  // An export's failure is said here, and goes once what it was about changes.
  const failure = useActionError();
  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      failure.clear();
      set(value);
    };
  const run = async () => {
    setResult(null);
    const written = await api.call('datasets.export', { version: summary.version, format, outDir, copyMedia });
    setResult(`Wrote ${countOf(written.files, 'file')} to ${written.dir}`);
  };
  // In a browser the host may be a team server on another machine: its folders are not this
  // person's, so the version comes to them as one zip (media copied) through the browser's downloads.
  const download = async () => {
    setResult(null);
    const prepared = await api.call('datasets.download', { version: summary.version, format });
    const link = document.createElement('a');
    link.href = api.downloadUrl(prepared.url)!;
    link.download = prepared.fileName;
    link.click();
    setResult(`Downloading ${prepared.fileName}`);
  };
  return (
    <section className="card export-form" aria-label="Export">
      <h2>Export</h2>
      <label>
        Format
        <select value={format} onChange={(e) => change(setFormat)(e.target.value as ExportFormat)}>
          {formats.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <FolderField id="export-dir" label="New folder to write" value={outDir} onChange={change(setOutDir)} placeholder="/data/exports/v1-coco" />
      <label className="checkbox">
        <input type="checkbox" checked={copyMedia} onChange={(e) => change(setCopyMedia)(e.target.checked)} /> Copy the media: a portable folder to share (else
        links to this project's files, hard links on its disk: not portable to another disk or machine)
      </label>
      <button
        type="button"
        className="primary"
        disabled={outDir.trim() === '' || readOnly !== null}
        title={readOnly ?? undefined}
        onClick={() => void failure.run(run)}
      >
        Export v{summary.version}
      </button>
      {api.downloadUrl('/') !== null && (
        <button type="button" disabled={readOnly !== null} title={readOnly ?? undefined} onClick={() => void failure.run(download)}>
          Download v{summary.version} as a zip
        </button>
      )}
      {result && <p data-testid="export-result">{result}</p>}
      <ActionError error={failure.error} fields={{ outDir: 'New folder to write' }} onDismiss={failure.clear} />
    </section>
  );
}

function CompareWith({ summary, versions }: { summary: DatasetSummary; versions: DatasetSummary[] }) {
  const others = versions.filter((v) => v.version !== summary.version);
  const [from, setFrom] = useState(others.at(-1)?.version ?? null);
  // Only the answer for the version chosen last is shown, however the answers arrive.
  const { data: diff, error } = useQuery('datasets.compare', { from: from ?? 0, to: summary.version }, { enabled: from !== null });
  return (
    <section className="card" aria-label="Compare versions">
      <h2>
        Changes from{' '}
        <select aria-label="Compare with" value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))}>
          {others.map((v) => (
            <option key={v.version} value={v.version}>
              v{v.version}
            </option>
          ))}
        </select>
      </h2>
      <QueryError error={error} what={`compare v${from} with v${summary.version}`} />
      {diff && (
        <dl className="dataset-diff" data-from={from}>
          <dt>Added ({diff.added.length})</dt>
          <dd>{diff.added.map((s) => s.fileName).join(', ') || '—'}</dd>
          <dt>Removed ({diff.removed.length})</dt>
          <dd>{diff.removed.map((s) => s.fileName).join(', ') || '—'}</dd>
          <dt>Relabelled ({diff.relabelled.length})</dt>
          <dd>{diff.relabelled.map((s) => s.fileName).join(', ') || '—'}</dd>
          <dt>Moved between splits ({diff.moved.length})</dt>
          <dd>{diff.moved.map((s) => `${s.fileName} ${s.from}→${s.to}`).join(', ') || '—'}</dd>
        </dl>
      )}
    </section>
  );
}
