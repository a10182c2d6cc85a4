import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { appVersion } from '../../../electron/app-version';
import { checkConcordServer } from '../../../electron/services/server-check';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { ApiError } from '../../../shared/api/errors';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

/** The error a promise was rejected with, as the API would carry it. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return { code: (error as ApiError).code, message: (error as ApiError).message };
}

describe('"Connect to a server": checking the address before a window opens', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function concordServer(): Promise<WebServer> {
    const server = await startWebServer({ host: newHost(tempDir()), rendererDir: tempDir(), ownerKey: null });
    closers.push(() => server.close());
    return server;
  }

  /** Another web server on this computer, answering every request the same way. */
  async function otherServer(status: number, body: string, headers: Record<string, string> = { 'content-type': 'text/html' }): Promise<number> {
    const server: Server = createServer((_request, response) => response.writeHead(status, headers).end(body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    return (server.address() as AddressInfo).port;
  }

  it('finds a Concord server at its address, whatever path or #key the pasted address carries', async () => {
    const server = await concordServer();
    expect(await checkConcordServer(`http://127.0.0.1:${server.port}/p/demo/#key=abc`)).toEqual({
      origin: `http://127.0.0.1:${server.port}`,
      version: appVersion,
    });
    expect(await checkConcordServer(`  localhost:${server.port}`).catch((error: ApiError) => error.code)).toBe('unavailable'); // https assumed: no TLS here
  });

  it('refuses a web server that is not Concord, and one that redirects elsewhere', async () => {
    const nginx = await otherServer(200, '<html>Welcome to nginx</html>');
    expect(await refusal(checkConcordServer(`http://127.0.0.1:${nginx}`))).toEqual({
      code: 'failed_precondition',
      message: `http://127.0.0.1:${nginx} answered, but not as a Concord server.`,
    });
    // Concord's answer with an HTTP error status is not Concord's API answering.
    const lookalike = await otherServer(404, JSON.stringify({ ok: true, value: { version: '1', host: 'web' } }), { 'content-type': 'application/json' });
    expect((await refusal(checkConcordServer(`http://127.0.0.1:${lookalike}`))).code).toBe('failed_precondition');
    // A redirect, even to a real Concord server, would take the window to another origin than the one checked.
    const concord = await concordServer();
    const redirecting = await otherServer(307, '', { location: `http://127.0.0.1:${concord.port}/api/call/app.info` });
    expect((await refusal(checkConcordServer(`http://127.0.0.1:${redirecting}`))).code).toBe('unavailable');
  });

  it('says a server that is not running is not answering', async () => {
    const port = await otherServer(200, '');
    await closers.pop()!(); // closed again: nothing listens there now
    const { code, message } = await refusal(checkConcordServer(`http://127.0.0.1:${port}`));
    expect(code).toBe('unavailable');
    expect(message).toContain('ECONNREFUSED');
  });

  it('asks nothing of the network for an address it must refuse', async () => {
    const fetchNever: typeof fetch = () => Promise.reject(new Error('the network was asked'));
    for (const address of ['http://labels.example.org', 'file:///etc/passwd', 'https://ana:pw@labels.example.org', '']) {
      expect((await refusal(checkConcordServer(address, fetchNever))).code).toBe('invalid_argument');
    }
  });

  it('opens a window only where the host can (the desktop app), only for the owner, only after the check', async () => {
    const server = await concordServer();
    const opened: string[] = [];
    const desktop = newHost(tempDir(), { hostKind: 'electron', openServerWindow: (origin) => opened.push(origin) });
    expect(await desktop.ok('app.info', {})).toMatchObject({ capabilities: { serverWindows: true } });
    expect((await desktop.fails('system.openServerWindow', { address: 'http://labels.example.org' })).code).toBe('invalid_argument');
    expect(opened).toEqual([]);
    expect(await desktop.ok('system.openServerWindow', { address: `http://127.0.0.1:${server.port}` })).toEqual({
      origin: `http://127.0.0.1:${server.port}`,
      version: appVersion,
    });
    expect(opened).toEqual([`http://127.0.0.1:${server.port}`]);
    expect((await desktop.connection({ owner: false }).fails('system.openServerWindow', { address: `http://127.0.0.1:${server.port}` })).code).toMatch(
      /forbidden|unauthenticated/,
    );

    const browser = newHost(tempDir());
    expect(await browser.ok('app.info', {})).toMatchObject({ capabilities: { serverWindows: false } });
    expect((await browser.fails('system.openServerWindow', { address: `http://127.0.0.1:${server.port}` })).code).toBe('unsupported');
    expect(opened).toHaveLength(1);
  });
});
