import { useState } from 'react';
import { mayCall } from '../../shared/api/access';
import { FORMAT_LABELS, LABELER_EXPORT_FORMATS } from '../../shared/domain/dataset';
import type { ProjectKind } from '../../shared/domain/project';
import { countOf } from '../../shared/text/plural';
import { api } from '../api/api';
import { useProjectStore } from '../stores/project-store';
import { ActionError, useActionError } from '../ui/ActionError';
import { FolderField } from '../ui/FolderField';
import { useReadOnly } from '../ui/read-only';

type LabelerExportFormat = (typeof LABELER_EXPORT_FORMATS)[number];

/**
 * Every labeler's current answers, each kept as that person's work, in Label Studio's or CVAT's
 * format (`labels.export`): how a team moves its work back to another tool, or shows it there.
 */
export function LabelerExport({ kind }: { kind: ProjectKind }) {
  const role = useProjectStore((s) => s.account?.role ?? null);
  // CVAT for images holds boxes only.
  const formats = LABELER_EXPORT_FORMATS.filter((f) => kind === 'bbox' || f !== 'cvat');
  const [format, setFormat] = useState<LabelerExportFormat>(formats[0]!);
  const [outDir, setOutDir] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const readOnly = useReadOnly();
  const failure = useActionError();
  if (!mayCall(role, 'labels.export')) return null;
  const run = async () => {
    setResult(null);
    const written = await api.call('labels.export', { format, outDir });
    setResult(
      `Wrote ${countOf(written.annotations, 'answer')} of ${countOf(written.labelers, 'labeler')} in ${countOf(written.files, 'file')} to ${written.dir}`,
    );
  };
  return (
    <section className="card export-form" aria-label="Each labeler's labels">
      <h2>Each labeler’s labels</h2>
      <p className="muted">Every labeler’s latest submitted answers, each as that person’s work, for another tool.</p>
      <label>
        Format
        <select
          value={format}
          onChange={(e) => {
            failure.clear();
            setFormat(e.target.value as LabelerExportFormat);
          }}
        >
          {formats.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </label>
      <FolderField
        id="labeler-export-dir"
        label="New folder for the labelers' files"
        value={outDir}
        onChange={(value) => {
          failure.clear();
          setOutDir(value);
        }}
        placeholder="/data/exports/labelers"
      />
      <button
        type="button"
        className="primary"
        disabled={outDir.trim() === '' || readOnly !== null}
        title={readOnly ?? undefined}
        onClick={() => void failure.run(run)}
      >
        Export each labeler’s labels
      </button>
      {result && <p data-testid="labeler-export-result">{result}</p>}
      <ActionError error={failure.error} fields={{ outDir: "New folder for the labelers' files" }} onDismiss={failure.clear} />
    </section>
  );
}
