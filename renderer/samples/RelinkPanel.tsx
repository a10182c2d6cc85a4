import { useState, type FormEvent } from 'react';
import { api } from '../api/api';
import { ActionError, useActionError } from '../ui/ActionError';
import { FolderField } from '../ui/FolderField';
import { countOf } from '../../shared/text/plural';

/**
 * Media referenced in place can move; point Concord at the new folder and it finds files by content.
 * What happened, or why not, is said in the panel; editing the folder clears it.
 */
export function RelinkPanel({ onDone }: { onDone(): void }) {
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const failure = useActionError();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaid(null);
    void failure
      .run(async () => {
        const result = await api.call('media.relink', { folder: folder.trim() });
        setSaid(`Re-linked ${countOf(result.relinked, 'sample')}; ${result.stillMissing} still missing.`);
        onDone();
      })
      .finally(() => setBusy(false));
  };
  return (
    <form className="card" onSubmit={submit}>
      <FolderField
        id="relink-folder"
        label="Folder where the media now is"
        value={folder}
        onChange={(value) => {
          setFolder(value);
          setSaid(null);
          failure.clear();
        }}
      />
      <button type="submit" className="primary" disabled={busy || !folder.trim()}>
        {busy ? 'Searching…' : 'Re-link'}
      </button>
      {said && <p role="status">{said}</p>}
      <ActionError error={failure.error} fields={{ folder: 'Folder' }} onDismiss={failure.clear} />
    </form>
  );
}
