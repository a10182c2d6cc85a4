import { createApiClient } from '../../shared/api/client';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';

/** True inside the Electron app (the preload's bridge exists), false in a browser. */
export const inDesktopApp = window.concord !== undefined;

/** The UI's only door to the back end: IPC inside Electron, HTTP in a browser. */
export const api = createApiClient(window.concord ? ipcTransport(window.concord) : httpTransport());
