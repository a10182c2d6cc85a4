import type { IncomingMessage } from 'node:http';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isAllowedOrigin, originPolicy } from '../../../electron/web/origin-policy';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('which Host and Origin a server answers', () => {
  it('answers a loopback server by its loopback names and port only', () => {
    const policy = originPolicy({ hostname: '127.0.0.1', port: 8080 }, { tls: false });
    expect(isAllowedOrigin(request({ host: 'localhost:8080', origin: 'http://localhost:8080' }), policy)).toBe(true);
    expect(isAllowedOrigin(request({ host: '127.0.0.1:8081' }), policy)).toBe(false);
    expect(isAllowedOrigin(request({ host: 'rebound.example:8080' }), policy)).toBe(false);
    // The right host with a page of another site behind it is a forged request.
    expect(isAllowedOrigin(request({ host: '127.0.0.1:8080', origin: 'http://evil.example' }), policy)).toBe(false);
    expect(isAllowedOrigin(request({ host: '127.0.0.1:8080', origin: 'https://127.0.0.1:8080' }), policy)).toBe(false);
  });

  it("answers a server on every interface by this machine's addresses", () => {
    const policy = originPolicy({ hostname: '0.0.0.0', port: 8443 }, { tls: true });
    const ipv4 = Object.values(networkInterfaces())
      .flat()
      .find((info) => info?.family === 'IPv4')!.address;
    expect(isAllowedOrigin(request({ host: `${ipv4}:8443`, origin: `https://${ipv4}:8443` }), policy)).toBe(true);
    expect(isAllowedOrigin(request({ host: '192.0.2.77:8443' }), policy)).toBe(false);
  });

  it('leaves out the default port as browsers do, and adds the public URL of a reverse proxy', () => {
    const policy = originPolicy({ hostname: 'labels.internal', port: 443 }, { tls: true, publicUrl: new URL('https://Labels.Example.org') });
    expect(isAllowedOrigin(request({ host: 'labels.internal', origin: 'https://labels.internal' }), policy)).toBe(true);
    expect(isAllowedOrigin(request({ host: 'labels.example.org', origin: 'https://labels.example.org' }), policy)).toBe(true);
    expect(isAllowedOrigin(request({ host: 'labels.example.org', origin: 'http://labels.example.org' }), policy)).toBe(false);
  });
});
