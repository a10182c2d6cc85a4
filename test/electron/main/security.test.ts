import { EventEmitter } from 'node:events';
import { app, dialog, session, shell } from 'electron';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { installSecurityHandlers, isAppUrl, isExternalWebUrl } from '../../../electron/main/security';

// Electron's binary cannot load here. `app` and each webContents become plain event
// emitters, so the tests fire the events Electron would and watch the handlers' answers.
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  return {
    app: new Emitter(),
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
    shell: { openExternal: vi.fn(async () => undefined) },
    dialog: { showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })) },
    BrowserWindow: { fromWebContents: vi.fn(() => null) },
  };
});

const fakeApp = app as unknown as EventEmitter;
const openExternal = vi.mocked(shell.openExternal);
const showMessageBox = vi.mocked(dialog.showMessageBox as (options: Electron.MessageBoxOptions) => Promise<Electron.MessageBoxReturnValue>);

/** The user's answer to the next "open this address?" question: 1 opens, 0 cancels. */
function userAnswers(response: 0 | 1): void {
  showMessageBox.mockResolvedValueOnce({ response, checkboxChecked: false });
}

/** Lets the handler's question and answer (promises) settle. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

interface NavigationEvent {
  url: string;
  preventDefault: ReturnType<typeof vi.fn>;
}

class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

function createdWebContents(): FakeWebContents {
  const contents = new FakeWebContents();
  fakeApp.emit('web-contents-created', {}, contents);
  return contents;
}

function navigation(url: string): NavigationEvent {
  return { url, preventDefault: vi.fn() };
}

beforeAll(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  installSecurityHandlers();
});

beforeEach(() => {
  openExternal.mockClear();
  showMessageBox.mockClear();
});

describe('isAppUrl', () => {
  it.each(['app://concord/index.html', 'app://concord/', 'app://concord/projects/3?tab=labels#top'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://concord.evil.example/index.html',
    'app://concord@evil.example/',
    'app://user:pass@concord/',
    'app://other/index.html',
    'https://concord/index.html',
    'file:///app/out/renderer/index.html',
    'concord-media://sample/1/original',
    'javascript:alert(1)',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isExternalWebUrl', () => {
  it('allows web pages only', () => {
    expect(isExternalWebUrl('https://example.org/docs')).toBe(true);
    expect(isExternalWebUrl('http://example.org/')).toBe(true);
    for (const url of ['file:///etc/passwd', 'smb://server/share', 'javascript:alert(1)', 'ms-msdt:/id', 'app://concord/']) {
      expect(isExternalWebUrl(url), url).toBe(false);
    }
  });
});

describe('every webContents', () => {
  it('may navigate within the app', () => {
    const contents = createdWebContents();
    const event = navigation('app://concord/index.html');
    contents.emit('will-navigate', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it.each(['https://evil.example/', 'file:///etc/passwd', 'app://concord.evil.example/'])('cannot navigate or be redirected to %s', (url) => {
    const contents = createdWebContents();
    const navigate = navigation(url);
    const redirect = navigation(url);
    contents.emit('will-navigate', navigate);
    contents.emit('will-redirect', redirect);
    expect(navigate.preventDefault).toHaveBeenCalled();
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('never opens a window; a web link goes to the system browser once the user agrees to its address', async () => {
    const contents = createdWebContents();
    userAnswers(1);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/docs' })).toEqual({ action: 'deny' });
    await settled();
    expect(showMessageBox).toHaveBeenCalledWith(expect.objectContaining({ detail: 'https://example.org/docs' }));
    expect(openExternal).toHaveBeenCalledWith('https://example.org/docs');
  });

  it('opens nothing when the user cancels', async () => {
    const contents = createdWebContents();
    userAnswers(0);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/docs' })).toEqual({ action: 'deny' });
    await settled();
    expect(showMessageBox).toHaveBeenCalledTimes(1);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('never hands other schemes to the operating system, nor asks about them', async () => {
    const contents = createdWebContents();
    for (const url of ['file:///etc/passwd', 'app://concord/other', 'smb://server/share', 'javascript:alert(1)', 'https://bank.example@evil.example/']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    await settled();
    expect(showMessageBox).not.toHaveBeenCalled();
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('cannot attach a webview', () => {
    const contents = createdWebContents();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('permissions', () => {
  it('denies every permission request', () => {
    const handler = vi.mocked(session.defaultSession.setPermissionRequestHandler).mock.calls[0]?.[0] as unknown as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      handler({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  it('answers every permission check with no', () => {
    const check = vi.mocked(session.defaultSession.setPermissionCheckHandler).mock.calls[0]?.[0] as unknown as (
      contents: unknown,
      permission: string,
    ) => boolean;
    expect(check({}, 'media')).toBe(false);
    expect(check(null, 'clipboard-sanitized-write')).toBe(false);
  });
});
