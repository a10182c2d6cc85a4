import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseMediaUrl, serveMedia, serveUi } from '../../../electron/main/protocols';
import { parseRange } from '../../../electron/http/byte-range';
import { resolveStaticPath } from '../../../electron/http/static-path';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security/content-security-policy';
import type { MediaFile, ServiceHost } from '../../../electron/services/hosting/host';
import { mediaPath } from '../../../shared/api/media-url';
import { describeCraftedProjectMedia } from '../../support/crafted-media-suite';
import { useTempDirs } from '../../support/temp-dir';

// The Electron binary cannot load here; the handlers under test take plain Requests.
vi.mock('electron', () => ({ protocol: { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() } }));

const tempDir = useTempDirs();
const root = join(sep, 'app', 'out', 'renderer');

describe('resolveStaticPath', () => {
  it('maps UI paths inside the renderer folder', () => {
    expect(resolveStaticPath(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveStaticPath(root, '/')).toBe(root);
    expect(resolveStaticPath(root, '/assets/my%20icon.svg')).toBe(join(root, 'assets', 'my icon.svg'));
  });

  it.each([
    ['/../secret.txt'],
    ['/assets/../../secret.txt'],
    ['/%2e%2e/secret.txt'],
    ['/%2E%2E%2Fsecret.txt'],
    ['/assets/..%2f..%2fsecret.txt'],
    ['/..%5csecret.txt'],
    ['/assets\\..\\..\\secret.txt'],
  ])('refuses traversal: %s', (pathname) => {
    expect(resolveStaticPath(root, pathname)).toBeNull();
  });

  it.each([
    ['//etc/passwd'],
    ['/%2Fetc%2Fpasswd'],
    ['/C:/Windows/win.ini'],
    ['/C%3A%5CWindows'],
    ['/%5C%5Cserver%5Cshare'],
    ['/index.html%00.js'],
    ['/%E0%A4%A'],
  ])('refuses absolute, drive, NUL and malformed paths: %s', (pathname) => {
    expect(resolveStaticPath(root, pathname)).toBeNull();
  });
});

const SHA = 'ab'.repeat(32);

describe('parseMediaUrl', () => {
  it('reads the sample id, variant and content hash', () => {
    expect(parseMediaUrl(`concord-media://sample/42/original/${SHA}`)).toEqual({ sampleId: 42, variant: 'original', sha256: SHA });
    expect(parseMediaUrl(`concord-media://sample/7/thumbnail/${SHA}`)).toEqual({ sampleId: 7, variant: 'thumbnail', sha256: SHA });
    // The query carries the session's media ticket, not part of the address.
    expect(parseMediaUrl(`concord-media://sample/7/thumbnail/${SHA}?ticket=a.b`)).toEqual({ sampleId: 7, variant: 'thumbnail', sha256: SHA });
  });

  it.each([
    `concord-media://sample/42/waveform/${SHA}`,
    `concord-media://sample/-1/original/${SHA}`,
    `concord-media://sample/4.2/original/${SHA}`,
    `concord-media://sample/42/original/${SHA}/extra`,
    'concord-media://sample/42/original',
    `concord-media://samples/42/original/${SHA}`,
    `concord-media://sample/12345678901234567/original/${SHA}`,
    `app://concord/sample/42/original/${SHA}`,
    `concord-media://sample/%2e%2e/original/${SHA}`,
    'not a url',
  ])('refuses %s', (url) => {
    expect(parseMediaUrl(url)).toBeNull();
  });
});

describe('parseRange', () => {
  it('serves the whole file without a usable Range header', () => {
    expect(parseRange(null, 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=-', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' });
    expect(parseRange('items=0-5', 100)).toEqual({ kind: 'whole' });
  });

  it('reads closed and open-ended ranges, clamping the end to the file', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseRange('bytes=50-', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(parseRange('bytes=90-1000', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
  });

  it('reads suffix ranges (the last N bytes)', () => {
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-500', 100)).toEqual({ kind: 'partial', start: 0, end: 99 });
  });

  it('reports ranges outside the file as unsatisfiable (416)', () => {
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=200-300', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=10-5', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});

describe('the app:// handler', () => {
  function rendererDir(): string {
    const parent = tempDir();
    const dir = join(parent, 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Concord</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(parent, 'secret.txt'), 'secret');
    return dir;
  }

  it('serves built files with their type and the content security policy', async () => {
    const response = await serveUi(rendererDir(), new Request('app://concord/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers unknown routes with the app shell', async () => {
    const response = await serveUi(rendererDir(), new Request('app://concord/projects/3'));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>Concord</title>');
  });

  it('never serves a file outside the renderer folder', async () => {
    const dir = rendererDir();
    // The URL parser already folds `%2e%2e` into `..` and resolves it: those requests stay inside and get the shell.
    for (const url of ['app://concord/%2e%2e/secret.txt', 'app://concord/../../secret.txt']) {
      expect(await (await serveUi(dir, new Request(url))).text(), url).toContain('<title>Concord</title>');
    }
    // Encoded separators survive the URL parser and are refused outright.
    for (const url of ['app://concord/..%2fsecret.txt', 'app://concord/assets/..%5c..%5csecret.txt']) {
      const response = await serveUi(dir, new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('refuses other hosts on the app scheme', async () => {
    expect((await serveUi(rendererDir(), new Request('app://elsewhere/index.html'))).status).toBe(404);
  });
});

describe('the concord-media:// handler', () => {
  function hostServing(file: MediaFile | null): ServiceHost & { resolveMedia: ReturnType<typeof vi.fn> } {
    return {
      call: vi.fn(),
      onEvent: vi.fn(),
      resolveMedia: vi.fn(async () => file),
      listen: vi.fn(),
      openDownload: vi.fn(),
      openInitialProject: vi.fn(),
      close: vi.fn(),
    };
  }

  function audioFile(): MediaFile {
    const path = join(tempDir(), 'clip.wav');
    writeFileSync(path, Buffer.from(Array.from({ length: 100 }, (_, i) => i)));
    return { path, mimeType: 'audio/wav' };
  }

  it("serves a whole file to a plain request, asking the host with the request's media ticket", async () => {
    const host = hostServing(audioFile());
    const response = await serveMedia(host, new Request(`concord-media://sample/5/original/${SHA}?ticket=abc.def`));
    expect(host.resolveMedia).toHaveBeenCalledWith({ sampleId: 5, variant: 'original', sha256: SHA }, 'abc.def');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('100');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('access-control-allow-origin')).toBe('app://concord');
    expect(new Uint8Array(await response.arrayBuffer())).toHaveLength(100);
  });

  it('streams the requested byte range with 206', async () => {
    const response = await serveMedia(hostServing(audioFile()), new Request(`concord-media://sample/5/original/${SHA}`, { headers: { range: 'bytes=10-19' } }));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 10-19/100');
    expect(response.headers.get('content-length')).toBe('10');
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });

  it('serves the last bytes for a suffix range', async () => {
    const response = await serveMedia(hostServing(audioFile()), new Request(`concord-media://sample/5/original/${SHA}`, { headers: { range: 'bytes=-3' } }));
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 97-99/100');
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([97, 98, 99]);
  });

  it('answers 416 for a range past the end', async () => {
    const response = await serveMedia(hostServing(audioFile()), new Request(`concord-media://sample/5/original/${SHA}`, { headers: { range: 'bytes=100-' } }));
    expect(response.status).toBe(416);
    expect(response.headers.get('content-range')).toBe('bytes */100');
  });

  it('answers 404 for malformed URLs without asking the host, and for media the host does not know', async () => {
    const host = hostServing(audioFile());
    expect((await serveMedia(host, new Request('concord-media://sample/5/../../etc/passwd'))).status).toBe(404);
    expect((await serveMedia(host, new Request(`concord-media://other/5/original/${SHA}`))).status).toBe(404);
    expect(host.resolveMedia).not.toHaveBeenCalled();
    expect((await serveMedia(hostServing(null), new Request(`concord-media://sample/9/thumbnail/${SHA}`))).status).toBe(404);
  });
});

describeCraftedProjectMedia(
  'the concord-media:// handler on a crafted project',
  async (host) => (sample) => serveMedia(host as unknown as ServiceHost, new Request(`concord-media://${mediaPath(sample, 'original')}`)),
);
