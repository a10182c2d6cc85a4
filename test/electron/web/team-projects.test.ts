import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../electron/db/server-catalogue';
import {
  addTeamAccount,
  addTeamMember,
  createTeamProject,
  disableTeamAccount,
  openTeamServer,
  removeTeamMember,
} from '../../../electron/services/team/server-projects';
import { startWebServer, type WebServer } from '../../../electron/web/server';
import { teamProjectRouter, type ProjectRouter } from '../../../electron/web/team-projects';
import { REPO_ROOT } from '../../support/paths';
import { usePostgresUrls } from '../../support/postgres';
import { useTempDirs } from '../../support/temp-dir';
import { rendererStandIn } from '../../support/web-host';

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

describe('a team server with several projects, over HTTP', () => {
  const tempDir = useTempDirs();
  const reserveDatabase = usePostgresUrls();
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    for (const item of open.splice(0).reverse()) await item.close();
  });

  /** Street (bbox) and Calls (transcript) on one server; ana belongs to Street only, bo to both with different roles. */
  async function twoProjectServer() {
    const { url, ready } = reserveDatabase();
    await ready;
    const catalogue = await openTeamServer(url);
    open.push(catalogue);
    const mediaRoot = tempDir();
    const hostOptions = { dataDir: tempDir(), resourcesDir: join(REPO_ROOT, 'resources') };
    await createTeamProject(catalogue, mediaRoot, { slug: 'street', name: 'Street', kind: 'bbox', classes: [{ name: 'car' }], tags: [] }, hostOptions);
    await createTeamProject(catalogue, mediaRoot, { slug: 'calls', name: 'Calls', kind: 'transcript', classes: [], tags: [] }, hostOptions);
    await addTeamAccount(catalogue, 'ana', 'ana has a long password');
    await addTeamAccount(catalogue, 'bo', 'bo has a long password');
    await addTeamMember(catalogue, 'street', 'ana', 'labeler');
    await addTeamMember(catalogue, 'street', 'bo', 'admin');
    await addTeamMember(catalogue, 'calls', 'bo', 'sme');
    const router: ProjectRouter = teamProjectRouter(catalogue, mediaRoot, hostOptions);
    open.push(router);
    const server: WebServer = await startWebServer({
      host: await router.rootHost(),
      projects: router,
      ownerKey: null,
      rendererDir: rendererStandIn(tempDir()),
    });
    open.push(server);
    return { catalogue, server, mediaRoot };
  }

  async function post(server: WebServer, path: string, body: unknown, token?: string): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers['authorization'] = `Bearer ${token}`;
    const response = await fetch(`http://127.0.0.1:${server.port}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect(response.status, path).toBe(200);
    return (await response.json()) as Answer;
  }

  async function signIn(server: WebServer, slug: string, name: string): Promise<string> {
    const answer = await post(server, `/p/${slug}/api/call/session.signIn`, { method: 'password', name, password: `${name} has a long password` });
    if (!answer.ok) throw new Error(`${name} could not sign in to ${slug}: ${answer.error.message}`);
    return (answer.value as { token: string }).token;
  }

  it("lists each person's own projects with their role there, and refuses a wrong password with the same words as an unknown name", async () => {
    const { server } = await twoProjectServer();
    expect(await post(server, '/api/server/projects', { name: 'ana', password: 'ana has a long password' })).toEqual({
      ok: true,
      value: [{ slug: 'street', name: 'Street', role: 'labeler' }],
    });
    expect(await post(server, '/api/server/projects', { name: 'bo', password: 'bo has a long password' })).toEqual({
      ok: true,
      value: [
        { slug: 'calls', name: 'Calls', role: 'sme' },
        { slug: 'street', name: 'Street', role: 'admin' },
      ],
    });
    const wrong = await post(server, '/api/server/projects', { name: 'ana', password: 'not her password' });
    const unknown = await post(server, '/api/server/projects', { name: 'nobody', password: 'not her password' });
    expect(wrong).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'That name and password do not match an active account.' } });
    expect(unknown).toEqual(wrong);
  });

  it('serves each project under its own address to its members only, with their role in that project', async () => {
    const { server, mediaRoot } = await twoProjectServer();
    const anaStreet = await signIn(server, 'street', 'ana');
    const street = await post(server, '/p/street/api/call/projects.current', {}, anaStreet);
    expect(street).toMatchObject({ ok: true, value: { name: 'Street', kind: 'bbox', dir: join(mediaRoot, 'projects', 'street') } });
    expect(await post(server, '/p/street/api/call/session.current', {}, anaStreet)).toMatchObject({
      ok: true,
      value: { account: { name: 'ana', role: 'labeler' } },
    });

    // Not a member of Calls: her password opens nothing there, and her Street session is unknown to it.
    const intoCalls = await post(server, '/p/calls/api/call/session.signIn', { method: 'password', name: 'ana', password: 'ana has a long password' });
    expect(intoCalls).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await post(server, '/p/calls/api/call/samples.list', {}, anaStreet)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await post(server, '/p/calls/api/call/projects.current', {}, anaStreet)).toMatchObject({ ok: false });

    // Roles are per project: bo is an SME in Calls and an admin in Street.
    const boCalls = await signIn(server, 'calls', 'bo');
    expect(await post(server, '/p/calls/api/call/session.current', {}, boCalls)).toMatchObject({ ok: true, value: { account: { name: 'bo', role: 'sme' } } });
    expect(await post(server, '/p/calls/api/call/labelers.create', { name: 'cy', role: 'labeler', password: 'cy has a long password' }, boCalls)).toMatchObject(
      {
        ok: false,
        error: { code: 'forbidden' },
      },
    );
    const boStreet = await signIn(server, 'street', 'bo');
    expect(await post(server, '/p/street/api/call/labelers.list', {}, boStreet)).toMatchObject({ ok: true });

    // A project the server does not hold.
    const missing = await fetch(`http://127.0.0.1:${server.port}/p/nowhere/api/call/projects.current`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(404);
    // The server's own address holds no project when it has several: the picker's page.
    expect(await post(server, '/api/call/session.options', {})).toMatchObject({ ok: true, value: { project: null, owner: false } });
  });

  it("ends a removed member's access to that project at their next call, and a disabled account's everywhere", async () => {
    const { server, catalogue } = await twoProjectServer();
    const anaStreet = await signIn(server, 'street', 'ana');
    const boCalls = await signIn(server, 'calls', 'bo');
    const boStreet = await signIn(server, 'street', 'bo');

    await removeTeamMember(catalogue, 'street', 'ana');
    expect(await post(server, '/p/street/api/call/samples.list', {}, anaStreet)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await post(server, '/api/server/projects', { name: 'ana', password: 'ana has a long password' })).toEqual({ ok: true, value: [] });
    const again = await post(server, '/p/street/api/call/session.signIn', { method: 'password', name: 'ana', password: 'ana has a long password' });
    expect(again).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });

    // Street keeps an active admin: its last one is never disabled.
    await addTeamAccount(catalogue, 'cy', 'cy has a long password');
    await addTeamMember(catalogue, 'street', 'cy', 'admin');
    await disableTeamAccount(catalogue, 'bo');
    for (const [slug, token] of [
      ['calls', boCalls],
      ['street', boStreet],
    ] as const) {
      expect(await post(server, `/p/${slug}/api/call/samples.list`, {}, token)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    }
    expect(await post(server, '/api/server/projects', { name: 'bo', password: 'bo has a long password' })).toMatchObject({ ok: false });
  });

  it('refuses a second project under a name already taken and an address name that is not one, leaving the catalogue as it was', async () => {
    const { catalogue, mediaRoot } = await twoProjectServer();
    const hostOptions = { dataDir: tempDir(), resourcesDir: join(REPO_ROOT, 'resources') };
    const again = (slug: string) =>
      createTeamProject(catalogue as Catalogue, mediaRoot, { slug, name: 'Again', kind: 'bbox', classes: [], tags: [] }, hostOptions);
    await expect(again('street')).rejects.toThrow(/already holds a project "street" \(Street\)/);
    await expect(again('Street!')).rejects.toThrow(/must be lowercase letters/);
    await expect(addTeamMember(catalogue, 'nowhere', 'ana', 'sme')).rejects.toThrow(/holds no project "nowhere"/);
    await expect(addTeamMember(catalogue, 'calls', 'nobody', 'sme')).rejects.toThrow(/no account named "nobody"/);
  });
  it('counts failed sign-ins across the whole server: guessing in one project or the picker locks the account in every project', async () => {
    const { server } = await twoProjectServer();
    const tryIn = (slug: string, password: string) => post(server, `/p/${slug}/api/call/session.signIn`, { method: 'password', name: 'bo', password });
    // Five free failures per account, spread over both projects and the picker.
    for (const slug of ['street', 'calls', 'street', 'calls'])
      expect(await tryIn(slug, 'a wrong guess of a password')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await post(server, '/api/server/projects', { name: 'bo', password: 'another wrong guess' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    // Locked now: even the right password is not checked, in either project or the picker.
    const locked = {
      ok: false,
      error: { code: 'failed_precondition', message: expect.stringMatching(/^Too many failed sign-ins for this account/) as unknown },
    };
    expect(await tryIn('calls', 'bo has a long password')).toMatchObject(locked);
    expect(await tryIn('street', 'bo has a long password')).toMatchObject(locked);
    expect(await post(server, '/api/server/projects', { name: 'bo', password: 'bo has a long password' })).toMatchObject(locked);
    // Another account is not locked by bo's failures.
    expect(await signIn(server, 'street', 'ana')).toEqual(expect.any(String));
  });
});
