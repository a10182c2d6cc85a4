import { useProjectStore } from '../stores/project-store';
import { READ_ONLY_REASON } from './read-only-reason';
import './read-only.css';

/**
 * Why this window cannot change the project, or null when it can. A project another app or
 * server has open is shown read-only: the back end would refuse every write, so the screens
 * disable their write controls with this reason instead of letting work be made and lost.
 */
export function useReadOnly(): string | null {
  return useProjectStore((s) => (s.project?.readOnly ? READ_ONLY_REASON : null));
}

/** Said once on a screen whose write controls the read-only view disables or leaves out. */
export function ReadOnlyNote() {
  const reason = useReadOnly();
  if (!reason) return null;
  return (
    <p className="read-only-note" role="note">
      {reason}: another app or server is editing this project, so nothing can be changed or saved here.
    </p>
  );
}
