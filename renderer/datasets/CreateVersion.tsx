import { useState } from 'react';
import type { DatasetOptions, DatasetSummary } from '../../shared/domain/dataset';
import { SPLITS } from '../../shared/dataset/splits';
import { splitWarnings } from '../../shared/dataset/split-warnings';
import type { ProjectSummary } from '../../shared/domain/project';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { useReadOnly } from '../ui/read-only';
import { ActionError, useActionError } from '../ui/ActionError';
import { QueryError } from '../ui/QueryError';
import { useSettledValue } from '../ui/use-settled-value';

const DEFAULTS: DatasetOptions = { ratios: [0.8, 0.1, 0.1], seed: 1, minAgreement: 0.9, unresolved: 'exclude', stratifyTags: [], pinTestFrom: null };
/** The preview is asked for once the options have rested this long. */
const PREVIEW_DELAY_MS = 250;

const ratioSumOf = (options: DatasetOptions) => options.ratios[0] + options.ratios[1] + options.ratios[2];
const sharesAddUp = (options: DatasetOptions) => Math.abs(ratioSumOf(options) - 1) < 1e-9;

/** The options of a new version, with the counts it would have shown before it is made. */
export function CreateVersion({
  project,
  versions,
  onCreated,
}: {
  project: ProjectSummary;
  versions: DatasetSummary[];
  onCreated(version: DatasetSummary): void;
}) {
  const [options, setOptions] = useState<DatasetOptions>(DEFAULTS);
  const readOnly = useReadOnly();
  const [busy, setBusy] = useState(false);
  const failure = useActionError();
  const ratioSum = ratioSumOf(options);
  const valid = sharesAddUp(options);
  const asked = useSettledValue(options, PREVIEW_DELAY_MS);
  // The last counts stay while the next are worked out; an answer to older options is dropped.
  const { data: preview, error, loading } = useQuery('datasets.preview', asked, { enabled: sharesAddUp(asked), keepPrevious: true });

  // Warned before creating, not refused: a version for labelers to look at needs no test split.
  const warnings = preview && valid ? splitWarnings(preview, project.kind === 'bbox' ? project.classes.map((c) => c.name) : [], options.ratios) : [];

  const set = (change: Partial<DatasetOptions>) => {
    failure.clear();
    setOptions((o) => ({ ...o, ...change }));
  };
  const setRatio = (index: number, percent: number) =>
    set({ ratios: options.ratios.map((r, i) => (i === index ? percent / 100 : r)) as DatasetOptions['ratios'] });
  const create = async () => {
    setBusy(true);
    await failure.run(async () => onCreated(await api.call('datasets.create', options)));
    setBusy(false);
  };

  return (
    <section className="card create-version" aria-label="New dataset version">
      <h2>New dataset version</h2>
      <div className="option-grid">
        {SPLITS.map((split, i) => (
          <label key={split}>
            {split} %
            <input type="number" min={0} max={100} value={Math.round(options.ratios[i]! * 1000) / 10} onChange={(e) => setRatio(i, Number(e.target.value))} />
          </label>
        ))}
        <label>
          Seed
          <input type="number" min={0} value={options.seed} onChange={(e) => set({ seed: Math.max(0, Math.floor(Number(e.target.value))) })} />
        </label>
        <label>
          Consensus at agreement ≥ %
          <input
            type="number"
            min={0}
            max={100}
            value={Math.round(options.minAgreement * 100)}
            onChange={(e) => set({ minAgreement: Number(e.target.value) / 100 })}
          />
        </label>
        <label>
          Below that, without a decision
          <select value={options.unresolved} onChange={(e) => set({ unresolved: e.target.value as DatasetOptions['unresolved'] })}>
            <option value="exclude">leave the sample out</option>
            <option value="flag">keep it, flagged</option>
          </select>
        </label>
        <label>
          Keep the test split of
          <select value={options.pinTestFrom ?? ''} onChange={(e) => set({ pinTestFrom: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">— (a new test split)</option>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version}
              </option>
            ))}
          </select>
        </label>
      </div>
      {project.tags.length > 0 && (
        <fieldset className="stratify-tags">
          <legend>Also balance the splits on these tags</legend>
          {project.tags.map((tag) => (
            <label key={tag.id} className="checkbox">
              <input
                type="checkbox"
                checked={options.stratifyTags.includes(tag.name)}
                onChange={(e) =>
                  set({ stratifyTags: e.target.checked ? [...options.stratifyTags, tag.name] : options.stratifyTags.filter((t) => t !== tag.name) })
                }
              />
              {tag.name}
            </label>
          ))}
        </fieldset>
      )}
      {!valid ? (
        <p className="error-text">The shares add up to {Math.round(ratioSum * 100)}%, not 100%.</p>
      ) : error ? (
        <QueryError error={error} what="count what the version would hold" />
      ) : preview ? (
        <p data-testid="dataset-preview" aria-busy={loading}>
          Would hold {SPLITS.map((split) => `${preview.counts[split]} ${split}`).join(', ')}
          {preview.excluded > 0 ? `; ${preview.excluded} left out` : ''} · {preview.bySource.gold} decided, {preview.bySource.consensus} consensus,{' '}
          {preview.bySource.single} single-labeled
          {preview.bySource.flagged > 0 ? `, ${preview.bySource.flagged} flagged` : ''}
        </p>
      ) : (
        <p className="muted">Counting…</p>
      )}
      {warnings.length > 0 && (
        <div className="split-warnings" role="status" aria-label="Split warnings">
          <strong>This split cannot train and test a model as it is:</strong>
          <ul>
            {warnings.map((warning) => (
              <li key={warning.problem}>
                {warning.problem} <span className="fix">{warning.fix}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <ActionError
        error={failure.error}
        fields={{ ratios: 'Shares', minAgreement: 'Consensus at agreement', pinTestFrom: 'Keep the test split of' }}
        onDismiss={failure.clear}
      />
      <button type="button" className="primary" disabled={busy || !valid || readOnly !== null} title={readOnly ?? undefined} onClick={() => void create()}>
        Create v{(versions.at(-1)?.version ?? 0) + 1}
        {warnings.length > 0 ? ' anyway' : ''}
      </button>
    </section>
  );
}
