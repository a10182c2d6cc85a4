import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { projectsOfAccount, openTeamServer } from '../../../electron/services/team/server-projects';
import { projectDatabaseUrl, withProjectsLocked } from '../../../electron/db/server-catalogue';
import { usePostgresUrls } from '../../support/postgres';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

function capture(stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, readStdin: async () => stdin };
}

describe('one account across the projects of a team server', () => {
  const tempDir = useTempDirs();
  const reserveDatabase = usePostgresUrls();
  const newHost = useServiceHost('postgres');

  /** A server with the projects street and calls, and a `concord` bound to it. */
  async function twoProjects() {
    const { url, ready } = reserveDatabase();
    await ready;
    const mediaRoot = join(tempDir(), 'media-root');
    const concord = async (args: string[], stdin = '') => {
      const io = capture(stdin);
      const code = await runCli([...args, '--database', url], io, tempDir());
      return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
    };
    for (const [slug, name] of [
      ['street', 'Street'],
      ['calls', 'Calls'],
    ]) {
      expect(await concord(['projects', 'create', '--media-root', mediaRoot, '--kind', 'transcript', '--name', name!, '--project', slug!])).toMatchObject({
        code: 0,
      });
    }
    const signIn = (slug: string, name: string, password: string) => {
      const host = newHost(tempDir(), { teamDatabase: projectDatabaseUrl(url, `${new URL(url).pathname.slice(1)}_${slug}`) });
      return host
        .ok('projects.open', { dir: join(mediaRoot, 'projects', slug) })
        .then(() => host.call('session.signIn', { method: 'password', name, password }));
    };
    return { url, concord, signIn };
  }

  it('adds an existing name to a second project without a new password; that one password opens both', async () => {
    const { url, concord, signIn } = await twoProjects();
    expect(await concord(['users', 'add', 'ana', '--role', 'admin', '--project', 'street', '--password-stdin'], 'ana has a long password\n')).toMatchObject({
      code: 0,
      out: 'Added ana (admin in street).',
    });
    expect(await concord(['users', 'add', 'ana', '--role', 'sme', '--project', 'calls'])).toMatchObject({
      code: 0,
      out: 'ana already has a server account: now also sme in calls, with the same password.',
    });
    expect(await concord(['users', 'add', 'ana', '--project', 'calls'])).toMatchObject({
      code: 1,
      err: expect.stringContaining('already a member of "calls"') as unknown,
    });

    const catalogue = await openTeamServer(url);
    try {
      expect(await projectsOfAccount(catalogue, 'ana', 'ana has a long password', null)).toEqual([
        { slug: 'calls', name: 'Calls', role: 'sme' },
        { slug: 'street', name: 'Street', role: 'admin' },
      ]);
    } finally {
      await catalogue.close();
    }
    expect(await signIn('street', 'ana', 'ana has a long password')).toMatchObject({ ok: true, value: { account: { name: 'ana', role: 'admin' } } });
    expect(await signIn('calls', 'ana', 'ana has a long password')).toMatchObject({ ok: true, value: { account: { name: 'ana', role: 'sme' } } });
  });

  it("refuses to demote, remove or disable a project's last active admin, and allows it once there is another", async () => {
    const { concord } = await twoProjects();
    await concord(['users', 'add', 'ana', '--role', 'admin', '--project', 'street', '--password-stdin'], 'ana has a long password');
    await concord(['users', 'add', 'ana', '--role', 'admin', '--project', 'calls']);
    const lastOfStreet = /ana is the last active admin of "street" and cannot be/;
    expect(await concord(['users', 'set-role', 'ana', 'labeler', '--project', 'street'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(lastOfStreet) as unknown,
    });
    expect(await concord(['projects', 'remove-member', 'street', 'ana'])).toMatchObject({ code: 1, err: expect.stringMatching(lastOfStreet) as unknown });
    expect(await concord(['users', 'disable', 'ana'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/ana is the last active admin of "calls"/) as unknown,
    });

    await concord(['users', 'add', 'bo', '--role', 'admin', '--project', 'street', '--password-stdin'], 'bo has a long password');
    expect(await concord(['users', 'set-role', 'ana', 'labeler', '--project', 'street'])).toMatchObject({ code: 0 });
    // calls still has ana alone as admin, so she stays enabled; bo is now street's only admin.
    expect(await concord(['users', 'disable', 'ana'])).toMatchObject({ code: 1, err: expect.stringMatching(/last active admin of "calls"/) as unknown });
    expect(await concord(['users', 'disable', 'bo'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/bo is the last active admin of "street"/) as unknown,
    });
    await concord(['users', 'add', 'bo', '--role', 'admin', '--project', 'calls']);
    expect(await concord(['users', 'disable', 'ana'])).toMatchObject({ code: 0 });
  });

  it('lets only one of two admins demoted at the same moment go: the second sees the first and is refused', async () => {
    const { url, concord } = await twoProjects();
    await concord(['users', 'add', 'ana', '--role', 'admin', '--project', 'street', '--password-stdin'], 'ana has a long password');
    await concord(['users', 'add', 'bo', '--role', 'admin', '--project', 'street', '--password-stdin'], 'bo has a long password');
    // Both commands are made to reach their check at once: street's row is held until both wait for it.
    const holder = await openTeamServer(url);
    try {
      let release!: () => void;
      const held = withProjectsLocked(holder, ['street'], () => new Promise<void>((resolve) => (release = resolve)));
      const demotions = Promise.all([
        concord(['users', 'set-role', 'ana', 'labeler', '--project', 'street']),
        concord(['users', 'set-role', 'bo', 'labeler', '--project', 'street']),
      ]);
      await expect
        .poll(async () => {
          const waiting = await sql<{
            n: string;
          }>`select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%for update%'`.execute(holder.db);
          return Number(waiting.rows[0]!.n);
        })
        .toBe(2);
      release();
      await held;
      const codes = (await demotions).map((result) => result.code).sort();
      expect(codes).toEqual([0, 1]);
    } finally {
      await holder.close();
    }
    const admins = JSON.parse((await concord(['users', 'list', '--project', 'street', '--json'])).out) as { name: string; role: string }[];
    // The project's own first account (root) aside, one of the two is still admin.
    expect(admins.filter((user) => user.role === 'admin' && user.name !== 'root')).toHaveLength(1);
  });
});
