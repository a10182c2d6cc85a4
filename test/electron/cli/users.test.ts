import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/cli/commands';
import { runCli } from '../../../electron/cli/run-cli';
import { usePostgresUrls } from '../../support/postgres';
import { useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

function capture(stdin = ''): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, readStdin: async () => stdin };
}

describe('concord users on a team database', () => {
  const tempDir = useTempDirs();
  const reserveDatabase = usePostgresUrls();
  const newHost = useServiceHost('postgres');

  it('makes the first admin, who then signs in to the server with that password; roles change and accounts are disabled', async () => {
    const { url, ready } = reserveDatabase();
    await ready;
    const server = newHost(tempDir(), { teamDatabase: url });
    await server.ok('projects.create', { dir: join(tempDir(), 'media'), name: 'Team', kind: 'bbox', classes: [{ name: 'car' }] });
    const users = async (args: string[], stdin = '') => {
      const io = capture(stdin);
      const code = await runCli(['users', ...args, '--database', url], io, tempDir());
      return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
    };

    expect(await users(['add', 'dana', '--role', 'admin', '--password-stdin'], 'dana has a long password\n')).toMatchObject({
      code: 0,
      out: 'Added dana (admin).',
    });
    const tab = server.connection();
    const signedIn = await tab.ok('session.signIn', { method: 'password', name: 'dana', password: 'dana has a long password' });
    expect(signedIn.account).toMatchObject({ name: 'dana', role: 'admin' });

    expect((await users(['add', 'eve', '--password-stdin'], 'eve has a long password')).code).toBe(0);
    const listed = JSON.parse((await users(['list', '--json'])).out) as Array<{ name: string; role: string; disabled: boolean }>;
    expect(listed.filter((a) => a.name === 'dana' || a.name === 'eve').sort((x, y) => x.name.localeCompare(y.name))).toEqual([
      { id: expect.any(Number), name: 'dana', role: 'admin', disabled: false },
      { id: expect.any(Number), name: 'eve', role: 'labeler', disabled: false },
    ]);

    expect(await users(['set-role', 'eve', 'sme'])).toMatchObject({ code: 0, out: 'eve is now sme; their sessions have ended.' });
    // dana is the project's only admin who can sign in: she stays until there is another.
    expect(await users(['disable', 'dana'])).toMatchObject({ code: 1, err: expect.stringContaining('dana is the last active admin of "main"') as unknown });
    expect((await users(['add', 'fay', '--role', 'admin', '--password-stdin'], 'fay has a long password')).code).toBe(0);
    expect(await users(['disable', 'dana'])).toMatchObject({ code: 0 });
    // Disabling ends dana's session at once, and her password no longer signs in.
    expect((await tab.fails('labelers.list', {})).code).toBe('unauthenticated');
    expect((await tab.fails('session.signIn', { method: 'password', name: 'dana', password: 'dana has a long password' })).code).toBe('unauthenticated');
    const eve = await server.connection().ok('session.signIn', { method: 'password', name: 'eve', password: 'eve has a long password' });
    expect(eve.account.role).toBe('sme');
  });

  it('refuses a password on the command line or too short, an unknown role or account, and a missing database, with exit code 1', async () => {
    const { url, ready } = reserveDatabase();
    await ready;
    const server = newHost(tempDir(), { teamDatabase: url });
    await server.ok('projects.create', { dir: join(tempDir(), 'media'), name: 'Team', kind: 'bbox', classes: [{ name: 'car' }] });
    const cases: Array<[string[], string, RegExp]> = [
      [['users', 'add', 'ana', '--database', url], '', /--password-stdin/],
      [['users', 'add', 'ana', '--password-stdin', '--database', url], 'short\n', /at least 8 characters/],
      [['users', 'add', 'ana', '--role', 'boss', '--password-stdin', '--database', url], 'long enough password', /--role must be/],
      [['users', 'disable', 'nobody', '--database', url], '', /No account named "nobody"/],
      [['users', 'list'], '', /--database postgres:\/\/USER@HOST:PORT\/DB is required/],
      [['users', 'list', '--database', 'mysql://x/y'], '', /must be a postgres:\/\/ URL/],
    ];
    for (const [argv, stdin, message] of cases) {
      const io = capture(stdin);
      expect(await runCli(argv, io, tempDir()), argv.join(' ')).toBe(1);
      expect(io.stderr.join('\n')).toMatch(message);
    }
    expect((await server.ok('labelers.list', {})).map((l) => l.name)).not.toContain('ana');
  });

  it("refuses a database holding another application's tables, and leaves it untouched", async () => {
    const foreign = reserveDatabase();
    await foreign.ready;
    const client = new pg.Client(foreign.config);
    await client.connect();
    try {
      await client.query('CREATE TABLE invoices (id int)');
      const io = capture();
      expect(await runCli(['users', 'list', '--database', foreign.url], io, tempDir())).toBe(1);
      expect(io.stderr.join('\n')).toMatch(/holds tables of another application; give Concord a database of its own/);
      const tables = await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'");
      expect(tables.rows.map((row) => row.name)).toEqual(['invoices']);
    } finally {
      await client.end();
    }
  });
});
