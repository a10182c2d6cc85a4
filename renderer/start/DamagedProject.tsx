import { useState } from 'react';
import type { BackupSummary } from '../../shared/domain/project';
import { useQuery } from '../api/use-query';
import type { Damaged } from '../stores/project-store';

type Copy = { state: 'looking' } | { state: 'found'; backup: BackupSummary | null } | { state: 'unusable'; reason: string };

/**
 * A damaged database is never opened (it may read wrongly and even export wrong data), so the
 * way on is the latest copy in the project's backups/ folder. Restoring gives up the work
 * saved since that copy, so the offer says when it was made and what it holds, and asks again.
 */
export function DamagedProject({ damaged, busy, onRestore, onCancel }: { damaged: Damaged; busy: boolean; onRestore(): void; onCancel(): void }) {
  const copy = useLatestBackup(damaged.dir);
  const [confirming, setConfirming] = useState(false);
  const backup = copy.state === 'found' ? copy.backup : null;
  return (
    <div className="card project-damaged" role="alertdialog" aria-labelledby="damaged-title" aria-describedby="damaged-message">
      <h2 id="damaged-title">This project is damaged</h2>
      <p id="damaged-message">{damaged.message}</p>
      {copy.state === 'looking' && <p className="hint">Looking at the latest copy in its backups folder…</p>}
      {copy.state === 'unusable' && <p>{copy.reason}</p>}
      {copy.state === 'found' && !backup && <p>There is no copy to go back to in its backups folder; restore the folder from a backup of your own.</p>}
      {backup && (
        <p className="backup-summary" data-backup-file={backup.file}>
          The latest copy was made <strong>{new Date(backup.madeAt).toLocaleString()}</strong> and holds {plural(backup.sampleCount, 'sample')} and{' '}
          {plural(backup.revisionCount, 'saved label revision')}.
        </p>
      )}
      {backup && confirming && (
        <p className="hint" id="restore-consequence">
          Restoring puts this copy in place of the damaged database. Work saved after {new Date(backup.madeAt).toLocaleString()} is not in it; the damaged file
          is kept in the backups folder.
        </p>
      )}
      <div className="button-row">
        {backup && !confirming && (
          <button type="button" className="primary" disabled={busy} onClick={() => setConfirming(true)}>
            Restore the latest copy…
          </button>
        )}
        {backup && confirming && (
          <button type="button" className="primary" disabled={busy} aria-describedby="restore-consequence" onClick={onRestore}>
            Replace the damaged database
          </button>
        )}
        <button type="button" disabled={busy} onClick={confirming ? () => setConfirming(false) : onCancel}>
          {confirming ? 'Back' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}

function useLatestBackup(dir: string): Copy {
  // Keyed by the folder: an answer about the one chosen before is not shown for this one.
  const { data, error } = useQuery('projects.latestBackup', { dir });
  if (error) return { state: 'unusable', reason: error.message };
  return data === undefined ? { state: 'looking' } : { state: 'found', backup: data };
}
function plural(count: number, noun: string): string {
  return `${count.toLocaleString()} ${noun}${count === 1 ? '' : 's'}`;
}
