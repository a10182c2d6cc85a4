import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type ConcordBridge } from '../../shared/api/bridge';
import type { EventEnvelope } from '../../shared/api/events';

/**
 * The renderer's whole view of Electron: two functions. `ipcRenderer` itself is never
 * exposed, so a compromised page can reach only the calls the main process validates.
 */
const bridge = {
  call: (name, arg, session) => ipcRenderer.invoke(IPC_CALL_CHANNEL, name, arg, session),
  onEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, envelope: EventEnvelope) => listener(envelope);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
} satisfies ConcordBridge;

contextBridge.exposeInMainWorld('concord', bridge);
