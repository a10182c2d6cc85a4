import { useState, type FormEvent } from 'react';
import type { ProjectKind } from '../../shared/domain/project';
import { useImportStore } from '../stores/import-store';
import { ActionError, useActionError } from '../ui/ActionError';
import { FolderField } from '../ui/FolderField';
import { ImportReportView } from './ImportReportView';
import { countOf } from '../../shared/text/plural';

/**
 * Import a folder or manifest, watch it go, cancel it, and see what was skipped and why. A refusal
 * (no such folder, a manifest that does not parse) is said here, and goes when the source is edited.
 */
export function ImportPanel({ kind }: { kind: ProjectKind }) {
  const [source, setSource] = useState('');
  const [copyMedia, setCopyMedia] = useState(false);
  const progress = useImportStore((s) => s.progress);
  const report = useImportStore((s) => s.report);
  const start = useImportStore((s) => s.start);
  const cancel = useImportStore((s) => s.cancel);
  const running = progress !== null && progress.finishedAt === null;
  const failure = useActionError();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void failure.run(() => start(source.trim(), copyMedia));
  };
  const percent = progress && progress.total > 0 ? Math.round((100 * progress.processed) / progress.total) : 0;

  return (
    <div className="card import-panel">
      <form onSubmit={submit}>
        <FolderField
          id="import-source"
          label="Folder or manifest to import"
          value={source}
          onChange={(value) => {
            setSource(value);
            failure.clear();
          }}
          placeholder={kind === 'bbox' ? '/data/images or /data/manifest.csv' : '/data/audio or /data/manifest.jsonl'}
        />
        <p className="hint">
          {kind === 'bbox' ? 'JPEG, PNG and WebP images' : 'WAV, MP3, FLAC and Ogg audio'} in the folder and its subfolders, or a CSV/JSONL manifest with a file
          column, a tags column and any metadata columns.
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={copyMedia} onChange={(e) => setCopyMedia(e.target.checked)} /> Copy media into the project (otherwise referenced in
          place)
        </label>
        <div className="button-row">
          <button type="submit" className="primary" disabled={running || !source.trim()}>
            Start import
          </button>
          {running && (
            <button type="button" onClick={() => void failure.run(cancel)}>
              Cancel import
            </button>
          )}
        </div>
        <ActionError error={failure.error} fields={{ source: 'Folder or manifest', copyMedia: 'Copy media' }} onDismiss={failure.clear} />
      </form>
      {progress && (
        <div className="import-progress">
          <progress max={100} value={percent} aria-label="Import progress" />
          <span>
            {progress.state === 'scanning'
              ? 'Looking for files…'
              : `${progress.processed} of ${progress.total} checked · ${progress.imported} imported · ${countOf(progress.duplicates, 'duplicate')} · ${progress.failed} skipped`}
            {progress.state === 'cancelled' && ' · cancelled'}
            {progress.state === 'failed' && ` · failed: ${progress.error ?? ''}`}
          </span>
        </div>
      )}
      {report && <ImportReportView report={report} />}
    </div>
  );
}
