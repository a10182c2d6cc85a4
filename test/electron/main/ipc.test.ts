import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerIpc } from '../../../electron/main/ipc';
import type { ServiceHost } from '../../../electron/services/hosting/host';
import { IPC_CALL_CHANNEL } from '../../../shared/api/bridge';
import type { CallResult } from '../../../shared/api/errors';

// Electron's binary cannot load here; `ipcMain.handle` just records the handler.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn() } }));

type CallHandler = (event: IpcMainInvokeEvent, name: unknown, arg: unknown, session?: unknown) => Promise<CallResult<unknown>> | CallResult<unknown>;

const MAIN_FRAME_ID = 1;
const ourContents = { id: 7, mainFrame: { frameTreeNodeId: MAIN_FRAME_ID } };
const host = {
  call: vi.fn(async (): Promise<CallResult<unknown>> => ({ ok: true, value: 'done' })),
  onEvent: vi.fn(),
  resolveMedia: vi.fn(),
  listen: vi.fn(),
  openDownload: vi.fn(),
  openInitialProject: vi.fn(),
  close: vi.fn(),
} satisfies ServiceHost;
let handle: CallHandler;

beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  registerIpc(host, (contents: WebContents) => contents.id === ourContents.id);
  const [channel, handler] = vi.mocked(ipcMain.handle).mock.calls[0] ?? [];
  expect(channel).toBe(IPC_CALL_CHANNEL);
  handle = handler as unknown as CallHandler;
});

beforeEach(() => host.call.mockClear());

/** An invoke as Electron delivers it; by default from our window's top frame showing our UI. */
function invokeEvent(frame: { url: string; parent?: object | null; frameTreeNodeId?: number } | null, sender: object = ourContents): IpcMainInvokeEvent {
  const senderFrame = frame && { parent: null, frameTreeNodeId: MAIN_FRAME_ID, ...frame };
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}

describe('the IPC call channel', () => {
  it("passes calls from the app window to the host unchanged, with the window's own session", async () => {
    const arg = { dir: '/data/project', nested: { list: [1, 2] } };
    const result = await handle(invokeEvent({ url: 'app://concord/index.html' }), 'projects.open', arg, 'token-of-this-window');
    expect(host.call).toHaveBeenCalledExactlyOnceWith('projects.open', arg, { transport: 'ipc', owner: true, session: 'token-of-this-window', address: null });
    expect(result).toEqual({ ok: true, value: 'done' });
  });

  it.each([
    ['a foreign page', { url: 'https://evil.example/' }, ourContents],
    ['a look-alike host', { url: 'app://concord.evil.example/' }, ourContents],
    ['a local file', { url: 'file:///tmp/page.html' }, ourContents],
    ['an iframe inside our window', { url: 'app://concord/index.html', parent: {}, frameTreeNodeId: 2 }, ourContents],
    ['a frame that is gone', null, ourContents],
    ['a webContents we did not create', { url: 'app://concord/index.html' }, { id: 99, mainFrame: { frameTreeNodeId: MAIN_FRAME_ID } }],
  ])('refuses a call from %s with forbidden', async (_what, frame, sender) => {
    const result = await handle(invokeEvent(frame, sender), 'projects.open', { dir: '/data/project' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(host.call).not.toHaveBeenCalled();
  });

  it('refuses an operation name that is not a string before reaching the host', async () => {
    const result = await handle(invokeEvent({ url: 'app://concord/index.html' }), { toString: () => 'projects.open' }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_operation' } });
    expect(host.call).not.toHaveBeenCalled();
  });
});
