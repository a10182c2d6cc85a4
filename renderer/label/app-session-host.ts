import { endSessionIfRefused, useNotices } from '../stores/notices';
import { labelSessionHost, type LabelNotices } from './label-editor-session';
import { useLabelStore } from './label-store';

/** What label sessions tell the app: information as its notices; a failure (said beside the editor) may end the window's session. */
export const appNotices: LabelNotices = {
  failed: endSessionIfRefused,
  inform: (message) => useNotices.getState().show('info', message),
};

/** The labeler's queue (the app's label store) as the editors' session host. */
export const appLabelSessionHost = labelSessionHost(useLabelStore, appNotices);
