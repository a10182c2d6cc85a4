import type { SessionNotices } from '../editors/editor-session';
import { reportError, useNotices } from '../stores/notices';
import { labelSessionHost } from './label-editor-session';
import { useLabelStore } from './label-store';

/** What editors report, shown as the app's notices. */
export const appNotices: SessionNotices = {
  reportError,
  inform: (message) => useNotices.getState().show('info', message),
};

/** The labeler's queue (the app's label store) as the editors' session host. */
export const appLabelSessionHost = labelSessionHost(useLabelStore, appNotices);
