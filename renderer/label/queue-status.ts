import type { QueueStatus } from '../../shared/domain/annotation';
import type { AutosaveStatus } from '../autosave/autosaver';

/** How a queue row shows its sample: `edited` is a submitted sample with edits the back end has not confirmed. */
export type QueueRowStatus = QueueStatus | 'edited';

export const QUEUE_ROW_LABELS: Readonly<Record<QueueRowStatus, string>> = {
  todo: 'To do',
  draft: 'Draft',
  submitted: 'Submitted',
  edited: 'Submitted, with edits not saved yet',
};

/** Autosave phases in which what is on screen differs from what the back end holds. */
const UNCONFIRMED: ReadonlySet<AutosaveStatus['phase']> = new Set(['dirty', 'saving', 'conflict', 'error', 'offline']);

/**
 * The status a queue row shows. The queue holds what the back end confirmed; the sample on
 * screen may have been changed since, and a labeler who sees "Submitted" beside it would
 * think those changes are in the submission.
 */
export function queueRowStatus(status: QueueStatus, isCurrent: boolean, save: AutosaveStatus): QueueRowStatus {
  return status === 'submitted' && isCurrent && UNCONFIRMED.has(save.phase) ? 'edited' : status;
}
