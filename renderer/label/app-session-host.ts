import { reportError, useNotices } from '../stores/notices';
import { labelSessionHost } from './label-editor-session';
import { useLabelStore } from './label-store';

/** The app's label store as the editors' session host (label screen and gold editor alike); what editors report shows as notices. */
export const appLabelSessionHost = labelSessionHost(useLabelStore, {
  reportError,
  inform: (message) => useNotices.getState().show('info', message),
});
