import { describe, expect, it } from 'vitest';
import { concordServerVersion, isWithinOrigin, serverOrigin } from '../../../electron/security/server-address';

describe('a team server address typed in the desktop app', () => {
  it('is reduced to its origin, https assumed when no scheme is typed', () => {
    expect(serverOrigin('  labels.example.org ')).toEqual({ ok: true, origin: 'https://labels.example.org' });
    expect(serverOrigin('https://labels.example.org:8443/projects/3?x=1#key=abc')).toEqual({ ok: true, origin: 'https://labels.example.org:8443' });
    expect(serverOrigin('HTTPS://Labels.Example.org/')).toEqual({ ok: true, origin: 'https://labels.example.org' });
  });

  it('may be plain http only on this computer', () => {
    expect(serverOrigin('http://127.0.0.1:8080/#key=abc')).toEqual({ ok: true, origin: 'http://127.0.0.1:8080' });
    expect(serverOrigin('http://localhost:8080')).toEqual({ ok: true, origin: 'http://localhost:8080' });
    expect(serverOrigin('http://[::1]:8080')).toEqual({ ok: true, origin: 'http://[::1]:8080' });
    for (const remote of ['http://labels.example.org', 'http://10.0.0.5:8080', 'http://localhost.example.org', 'http://127.0.0.1.nip.io']) {
      expect(serverOrigin(remote)).toMatchObject({ ok: false, reason: expect.stringContaining('https://') });
    }
  });

  it('is refused when it is not a web address or carries a name and password', () => {
    for (const bad of ['', '   ', 'file:///etc/passwd', 'javascript://alert(1)', 'app://concord/index.html', 'ftp://example.org', 'https://']) {
      expect(serverOrigin(bad).ok).toBe(false);
    }
    expect(serverOrigin('https://ana:secret@labels.example.org')).toMatchObject({ ok: false, reason: expect.stringContaining('name and password') });
  });
});

describe("a server window's pages", () => {
  const origin = 'https://labels.example.org';

  it('are those of its server only: same scheme, host and port', () => {
    expect(isWithinOrigin('https://labels.example.org/', origin)).toBe(true);
    expect(isWithinOrigin('https://labels.example.org/index.html#/samples', origin)).toBe(true);
    expect(isWithinOrigin('http://labels.example.org/', origin)).toBe(false);
    expect(isWithinOrigin('https://labels.example.org:444/', origin)).toBe(false);
    expect(isWithinOrigin('https://labels.example.org.evil.net/', origin)).toBe(false);
    expect(isWithinOrigin('https://evil.net/?https://labels.example.org', origin)).toBe(false);
    expect(isWithinOrigin('https://user@labels.example.org/', origin)).toBe(false);
    expect(isWithinOrigin('app://concord/index.html', origin)).toBe(false);
    expect(isWithinOrigin('data:text/html,hi', 'null')).toBe(false);
    expect(isWithinOrigin('not a url', origin)).toBe(false);
  });
});

describe('telling a Concord server from another web server', () => {
  it("takes only a Concord web host's answer to app.info", () => {
    expect(concordServerVersion({ ok: true, value: { version: '1.2.0', host: 'web', capabilities: { pickFolder: false } } })).toBe('1.2.0');
    expect(concordServerVersion({ ok: true, value: { version: '1.2.0', host: 'electron' } })).toBeNull();
    expect(concordServerVersion({ ok: false, error: { code: 'forbidden', message: 'no' } })).toBeNull();
    expect(concordServerVersion('<html>Welcome to nginx</html>')).toBeNull();
    expect(concordServerVersion(null)).toBeNull();
  });
});
