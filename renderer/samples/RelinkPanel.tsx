import { useState, type FormEvent } from 'react';
import { api } from '../api/api';
import { reportError, useNotices } from '../stores/notices';
import { FolderField } from '../ui/FolderField';
import { countOf } from '../../shared/text/plural';

/** Media referenced in place can move; point Concord at the new folder and it finds files by content. */
export function RelinkPanel({ onDone }: { onDone(): void }) {
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await api.call('media.relink', { folder: folder.trim() });
      useNotices.getState().show('info', `Re-linked ${countOf(result.relinked, 'sample')}; ${result.stillMissing} still missing.`);
      onDone();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={(e) => void submit(e)}>
      <FolderField id="relink-folder" label="Folder where the media now is" value={folder} onChange={setFolder} />
      <button type="submit" className="primary" disabled={busy || !folder.trim()}>
        {busy ? 'Searching…' : 'Re-link'}
      </button>
    </form>
  );
}
