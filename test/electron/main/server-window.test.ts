import { EventEmitter } from 'node:events';
import { app, session } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { installSecurityHandlers } from '../../../electron/main/security';
import { openServerWindow } from '../../../electron/main/server-window';

// Electron's binary cannot load here: `app`, windows and their webContents are event emitters,
// and a new window announces its webContents as Electron does, so security.ts hardens it.
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const fakeApp = new Emitter();
  let nextId = 100;
  class FakeSession {
    permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    permissionCheck: (() => boolean) | undefined;
    setPermissionRequestHandler(handler: FakeSession['permissionRequest']) {
      this.permissionRequest = handler;
    }
    setPermissionCheckHandler(handler: FakeSession['permissionCheck']) {
      this.permissionCheck = handler;
    }
  }
  const partitions = new Map<string, FakeSession>();
  class FakeWindow extends Emitter {
    static opened: FakeWindow[] = [];
    readonly webContents = Object.assign(new Emitter(), { id: nextId++, setWindowOpenHandler: () => undefined });
    loadedUrl = '';
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      FakeWindow.opened.push(this);
      fakeApp.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
  }
  return {
    app: fakeApp,
    BrowserWindow: FakeWindow,
    session: {
      defaultSession: new FakeSession(),
      fromPartition: (name: string) => partitions.get(name) ?? partitions.set(name, new FakeSession()).get(name)!,
    },
    shell: { openExternal: vi.fn() },
    dialog: { showMessageBox: vi.fn() },
  };
});

interface OpenedWindow extends EventEmitter {
  options: { webPreferences: Record<string, unknown> };
  loadedUrl: string;
  webContents: EventEmitter & { id: number };
}

/** The windows the module under test opened, newest last. */
async function windows(): Promise<OpenedWindow[]> {
  const { BrowserWindow } = await import('electron');
  return (BrowserWindow as unknown as { opened: OpenedWindow[] }).opened;
}

/** Fires a navigation (or redirect) as Electron would and says whether it went ahead. */
function navigates(window: OpenedWindow, url: string, event: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
  const preventDefault = vi.fn();
  window.webContents.emit(event, { url, preventDefault });
  return preventDefault.mock.calls.length === 0;
}

beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  installSecurityHandlers();
});

describe('a window on a team server', () => {
  it("loads the server's UI without the app's preload, sandboxed, in a session of its own", async () => {
    openServerWindow('https://labels.example.org');
    openServerWindow('https://labels.example.org');
    const [first, second] = (await windows()).slice(-2) as [OpenedWindow, OpenedWindow];
    expect(first.loadedUrl).toBe('https://labels.example.org/');
    expect(first.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    expect(first.options.webPreferences.preload).toBeUndefined();
    expect(first.options.webPreferences.partition).not.toBe(second.options.webPreferences.partition);
    expect(String(first.options.webPreferences.partition)).not.toMatch(/^persist:/);
  });

  it('refuses every permission the page asks for', async () => {
    openServerWindow('https://labels.example.org');
    const [window] = (await windows()).slice(-1) as [OpenedWindow];
    const windowSession = session.fromPartition(String(window.options.webPreferences.partition)) as unknown as {
      permissionRequest: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
      permissionCheck: () => boolean;
    };
    const granted = vi.fn();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) windowSession.permissionRequest({}, permission, granted);
    expect(granted.mock.calls).toEqual([[false], [false], [false], [false]]);
    expect(windowSession.permissionCheck()).toBe(false);
  });

  it("stays on its server's origin: no other site, scheme or port, and not the app's own pages", async () => {
    openServerWindow('https://labels.example.org');
    const [window] = (await windows()).slice(-1) as [OpenedWindow];
    expect(navigates(window, 'https://labels.example.org/p/birds/')).toBe(true);
    expect(navigates(window, 'https://labels.example.org/index.html', 'will-redirect')).toBe(true);
    for (const elsewhere of [
      'https://evil.example/',
      'http://labels.example.org/',
      'https://labels.example.org:8443/',
      'https://labels.example.org.evil.example/',
      'app://concord/index.html',
      'file:///etc/passwd',
    ]) {
      expect({ elsewhere, went: navigates(window, elsewhere) }).toEqual({ elsewhere, went: false });
      expect({ elsewhere, went: navigates(window, elsewhere, 'will-redirect') }).toEqual({ elsewhere, went: false });
    }
  });

  it('confines each window to its own server, and an app window to the app', async () => {
    openServerWindow('https://labels.example.org');
    openServerWindow('http://127.0.0.1:8080');
    const [labels, local] = (await windows()).slice(-2) as [OpenedWindow, OpenedWindow];
    expect(navigates(labels, 'http://127.0.0.1:8080/')).toBe(false);
    expect(navigates(local, 'http://127.0.0.1:8080/index.html')).toBe(true);
    expect(navigates(local, 'https://labels.example.org/')).toBe(false);
    const appContents = Object.assign(new EventEmitter(), { id: 1, setWindowOpenHandler: () => undefined });
    (app as unknown as EventEmitter).emit('web-contents-created', {}, appContents);
    const appWindow = { webContents: appContents } as unknown as OpenedWindow;
    expect(navigates(appWindow, 'app://concord/index.html')).toBe(true);
    expect(navigates(appWindow, 'https://labels.example.org/')).toBe(false);
  });
});
