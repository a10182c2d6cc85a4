import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

describe('a project open in two places', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  async function projectOpenInApp() {
    const app = newHost(tempDir());
    const project = await app.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }], tags: [] });
    await app.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    return { app, dir: project.dir };
  }

  it('tells a second app that the project is open elsewhere, and lets it look read-only', async () => {
    const { app, dir } = await projectOpenInApp();
    const second = newHost(tempDir());
    const refused = await second.fails('projects.open', { dir });
    expect(refused.code).toBe('in_use');
    expect(refused.message).toMatch(new RegExp(`open in a Concord web server \\(process ${process.pid}\\).*Open it read-only`));

    const view = await second.ok('projects.open', { dir, readOnly: true });
    expect(view).toMatchObject({ name: 'P', readOnly: true, labelerCount: 2 /* the owner and ana */ });
    // Reading what is new in the guideline notes nothing down in a read-only view, and does not fail.
    const owner = (await second.ok('labelers.list', {})).find((l) => l.owner)!;
    expect(await second.ok('guidelines.notice', { labelerId: owner.id })).toBeNull();
    const write = await second.fails('labelers.create', { name: 'ben', password: TEST_PASSWORD });
    expect(write.code).toBe('read_only');
    expect(write.message).toMatch(/nothing was saved/);

    // The app itself goes on saving, and the read-only view sees it.
    await app.ok('labelers.create', { name: 'chen', password: TEST_PASSWORD });
    expect((await second.ok('labelers.list', {})).map((l) => l.name)).toContain('chen');
  });

  it('refuses an export from a read-only view before writing a file, since the export is audited', async () => {
    const app = newHost(tempDir());
    const demo = await app.ok('projects.openDemo', { kind: 'bbox' });
    expect(await app.ok('datasets.create', {})).toMatchObject({ version: 1 });
    const view = newHost(tempDir());
    await view.ok('projects.open', { dir: demo.dir, readOnly: true });
    const out = join(tempDir(), 'export');
    expect(await view.fails('datasets.export', { version: 1, format: 'coco', outDir: out })).toMatchObject({
      code: 'read_only',
      message: expect.stringMatching(/read-only view cannot export.*concord export.*nothing was written/),
    });
    expect(existsSync(out)).toBe(false);
  });

  it('lets the command line work beside a running app', async () => {
    const { dir } = await projectOpenInApp();
    const cli = newHost(tempDir(), { hostKind: 'cli' });
    const opened = await cli.ok('projects.open', { dir });
    expect(opened.readOnly).toBe(false);
    await cli.ok('labelers.create', { name: 'from-the-cli', password: TEST_PASSWORD });
    expect(existsSync(join(dir, 'concord.lock'))).toBe(true); // still the app's
  });

  it('frees the project when the app closes it, and when the process that held it is gone', async () => {
    const { app, dir } = await projectOpenInApp();
    await app.ok('projects.close', {});
    expect(existsSync(join(dir, 'concord.lock'))).toBe(false);

    // A lock left by a process killed before it could let go.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const stale = { pid: Number(gone.stdout), host: hostname(), app: 'the Concord app', token: 'old', since: '2026-01-01T00:00:00.000Z' };
    writeFileSync(join(dir, 'concord.lock'), JSON.stringify(stale));
    const next = newHost(tempDir());
    expect((await next.ok('projects.open', { dir })).readOnly).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'concord.lock'), 'utf8')).pid).toBe(process.pid);
    await next.ok('labelers.create', { name: 'after-the-crash', password: TEST_PASSWORD });
    await next.ok('projects.close', {});

    // A lock whose process id now belongs to another, younger process (pids are reused).
    const reused = { ...stale, pid: process.pid, started: '1' };
    writeFileSync(join(dir, 'concord.lock'), JSON.stringify(reused));
    expect((await newHost(tempDir()).ok('projects.open', { dir })).readOnly).toBe(false);
  });

  it('reopening the project a host already has open keeps its lock', async () => {
    const { app, dir } = await projectOpenInApp();
    expect((await app.ok('projects.open', { dir })).readOnly).toBe(false);
    await app.ok('labelers.create', { name: 'still-writable', password: TEST_PASSWORD });
    expect(await newHost(tempDir()).fails('projects.open', { dir })).toMatchObject({ code: 'in_use' });
  });
});
