import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { membershipsOf, projectDatabaseUrl } from '../../../electron/db/server-catalogue';
import { openTeamServer } from '../../../electron/services/team/server-projects';
import { usePostgresUrls } from '../../support/postgres';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

function capture(stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, readStdin: async () => stdin };
}

async function databaseNames(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database ORDER BY datname');
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

describe('push, backup and restore one project of a server with several', () => {
  const tempDir = useTempDirs();
  const reserveDatabase = usePostgresUrls();
  const newLocalHost = useServiceHost('sqlite');
  const newTeamHost = useServiceHost('postgres');

  const concord = async (args: string[], stdin = '') => {
    const io = capture(stdin);
    const code = await runCli(args, io, tempDir());
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  };

  /** A server already holding a project "street" with an admin "lee", and its media root. */
  async function serverWithStreet(): Promise<{ url: string; mediaRoot: string }> {
    const { url, ready } = reserveDatabase();
    await ready;
    const mediaRoot = join(tempDir(), 'media-root');
    const create = ['projects', 'create', '--database', url, '--media-root', mediaRoot, '--kind', 'bbox', '--name', 'Street', '--project', 'street'];
    expect(await concord([...create, '--classes', 'car'])).toMatchObject({ code: 0 });
    expect(await concord(['users', 'add', 'lee', '--role', 'admin', '--password-stdin', '--database', url], 'lee has a long password\n')).toMatchObject({
      code: 0,
    });
    return { url, mediaRoot };
  }

  /** The bbox demo with a password account "lee" (a name the server has) and "kim" (one it has not). */
  async function localDemo(): Promise<{ dir: string; agreement: unknown }> {
    const local = newLocalHost(tempDir());
    const { dir } = await local.ok('projects.openDemo', { kind: 'bbox' });
    await local.ok('labelers.create', { name: 'lee', role: 'sme', password: 'lee had another password' });
    await local.ok('labelers.create', { name: 'kim', role: 'labeler', password: 'kim has a long password' });
    const agreement = await local.ok('agreement.project', {});
    await local.ok('projects.close', {});
    return { dir, agreement };
  }

  it('pushes into a new named project beside another, backs it up alone and restores it as a third; agreement equal throughout', async () => {
    const { url, mediaRoot } = await serverWithStreet();
    const { dir, agreement } = await localDemo();

    const pushed = await concord(['push', dir, '--database', url, '--media-root', mediaRoot, '--project', 'demo']);
    expect(pushed.err).toBe('');
    expect(pushed.out).toContain(`It is the server's project "demo", served under /p/demo/.`);
    expect(pushed.out).toContain('New server accounts, with the password they had in the project: kim.');
    expect(pushed.out).toContain('Already on the server, now members (their server password stands): lee.');
    expect(existsSync(join(mediaRoot, 'projects', 'demo', 'media'))).toBe(true);

    // One account, one password: lee opens both projects with the server's password, kim brought hers.
    const catalogue = await openTeamServer(url);
    try {
      expect(await membershipsOf(catalogue, 'lee')).toEqual([
        { projectSlug: 'demo', projectName: expect.any(String) as unknown, role: 'sme' },
        { projectSlug: 'street', projectName: 'Street', role: 'admin' },
      ]);
    } finally {
      await catalogue.close();
    }
    const demoUrl = projectDatabaseUrl(url, `${new URL(url).pathname.slice(1)}_demo`);
    const server = newTeamHost(tempDir(), { teamDatabase: demoUrl });
    await server.ok('projects.open', { dir: join(mediaRoot, 'projects', 'demo') });
    expect(await server.ok('agreement.project', {})).toEqual(agreement);
    const samples = (await server.ok('samples.list', {})).items;
    expect(await server.resolveMedia({ sampleId: samples[0]!.id, sha256: samples[0]!.sha256, variant: 'original' })).not.toBeNull();
    await server.ok('session.signIn', { method: 'password', name: 'lee', password: 'lee has a long password' });
    await server.ok('session.signIn', { method: 'password', name: 'kim', password: 'kim has a long password' });
    expect(await server.call('session.signIn', { method: 'password', name: 'lee', password: 'lee had another password' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });

    // Two projects: a backup must say which, and backs up that one alone.
    const out = join(tempDir(), 'demo.backup');
    const ambiguous = await concord(['backup', '--database', url, '--out', out]);
    expect(ambiguous).toMatchObject({ code: 1, err: expect.stringMatching(/holds 2 projects \(demo, street\): name one with --project SLUG/) as unknown });
    const backedUp = await concord(['backup', '--database', url, '--project', 'demo', '--out', out]);
    expect(backedUp.err).toBe('');
    expect(backedUp.out).toContain(`project "demo"`);
    expect(backedUp.out).toContain(`${samples.length} samples`);

    const restored = await concord(['restore', out, '--database', url, '--project', 'copy', '--media-root', mediaRoot]);
    expect(restored.err).toBe('');
    expect(restored.out).toContain(`as the server's project "copy"`);
    expect(restored.out).toContain('Already on the server, now members (their server password stands): kim, lee.');
    expect(restored.out).toContain(`copy the project's media folder to ${join(mediaRoot, 'projects', 'copy')}`);
    const copy = newTeamHost(tempDir(), { teamDatabase: projectDatabaseUrl(url, `${new URL(url).pathname.slice(1)}_copy`) });
    await copy.ok('projects.open', { dir: join(mediaRoot, 'projects', 'copy') });
    expect(await copy.ok('agreement.project', {})).toEqual(agreement);
    const listed = (await concord(['projects', 'list', '--database', url])).out.split('\n');
    expect(listed.map((line) => line.split(' ')[0]).sort()).toEqual(['copy', 'demo', 'street']);
    expect(listed.find((line) => line.startsWith('copy'))).toContain('kim (labeler), lee (sme)');

    // A name already taken is refused, and nothing is made.
    const again = await concord(['restore', out, '--database', url, '--project', 'copy']);
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining('already holds a project "copy"') as unknown });
  });

  it('leaves nothing behind when a push fails: no database, no catalogue entry, no media', async () => {
    const { url, mediaRoot } = await serverWithStreet();
    const { dir } = await localDemo();
    // One sample's media gone: the push is refused after the database was made and other media copied.
    const local = newLocalHost(tempDir());
    await local.ok('projects.open', { dir });
    const last = (await local.ok('samples.list', {})).items.at(-1)!;
    await local.ok('projects.close', {});
    const before = await databaseNames(url);
    rmSync(join(dir, 'media', last.sha256.slice(0, 2)), { recursive: true });

    const failed = await concord(['push', dir, '--database', url, '--media-root', mediaRoot, '--project', 'demo']);
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/Nothing was pushed: sample \d+/);
    expect(await databaseNames(url)).toEqual(before);
    expect(existsSync(join(mediaRoot, 'projects', 'demo'))).toBe(false);
    expect((await concord(['projects', 'list', '--database', url])).out).not.toContain('demo');
    expect((await concord(['users', 'list', '--database', url, '--project', 'street'])).out).not.toContain('kim');
  });
});
