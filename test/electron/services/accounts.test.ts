import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyPayload } from '../../../shared/annotation/empty-payload';
import { SESSION_IDLE_MS } from '../../../electron/services/auth/sessions';
import { importAndWait, TEST_PASSWORD, useServiceHost, type TestHost } from '../../support/service-host';
import { writeImage } from '../../support/media-fixtures';
import { useTempDirs } from '../../support/temp-dir';

describe('accounts and sessions', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  /** A project with two labelers and an SME (made by the owner, an admin), and a clock the test moves. */
  async function project(clock = { now: Date.UTC(2026, 11, 3, 9) }) {
    const host = newHost(tempDir(), { now: () => clock.now });
    await host.ok('projects.create', { dir: join(tempDir(), 'p'), name: 'P', kind: 'bbox', classes: [{ name: 'car' }] });
    const media = tempDir();
    for (const name of ['a', 'b']) await writeImage(join(media, `${name}.png`), 'png', 40, 30, name.charCodeAt(0));
    await importAndWait(host, media);
    const accounts: Record<string, number> = {};
    for (const [name, role] of [
      ['ana', 'labeler'],
      ['ben', 'labeler'],
      ['sam', 'sme'],
    ] as const) {
      accounts[name] = (await host.ok('labelers.create', { name, role, password: `${name} ${TEST_PASSWORD}` })).id;
    }
    const signIn = async (name: string, password = `${name} ${TEST_PASSWORD}`) => {
      const window = host.connection();
      await window.ok('session.signIn', { method: 'password', name, password });
      return window;
    };
    return { host, clock, accounts, signIn };
  }

  it('keeps each window its own caller: two labelers save their own queues at once, blind; the SME sees both', async () => {
    const { accounts, signIn } = await project();
    const [ana, ben] = [await signIn('ana'), await signIn('ben')];
    const samples = (await ana.ok('queue.get', { labelerId: accounts['ana']! })).items;
    await Promise.all([
      ...samples.map((s) =>
        ana.ok('annotations.save', {
          labelerId: accounts['ana']!,
          sampleId: s.sampleId,
          payload: emptyPayload('bbox'),
          status: 'submitted',
          baseRevision: null,
        }),
      ),
      ...samples.map((s) =>
        ben.ok('annotations.save', { labelerId: accounts['ben']!, sampleId: s.sampleId, payload: emptyPayload('bbox'), status: 'draft', baseRevision: null }),
      ),
    ]);
    expect((await ana.ok('session.current', {}))?.account.name).toBe('ana');
    expect((await ben.ok('session.current', {}))?.account.name).toBe('ben');
    expect((await ana.fails('annotations.mine', { labelerId: accounts['ben']!, sampleId: samples[0]!.sampleId })).code).toBe('forbidden');
    expect((await ben.fails('queue.get', { labelerId: accounts['ana']! })).code).toBe('forbidden');
    // Neither can save under the other's name.
    expect(
      (
        await ana.fails('annotations.save', {
          labelerId: accounts['ben']!,
          sampleId: samples[0]!.sampleId,
          payload: emptyPayload('bbox'),
          status: 'draft',
          baseRevision: 1,
        })
      ).code,
    ).toBe('forbidden');
    const sam = await signIn('sam');
    expect((await sam.ok('queue.get', { labelerId: accounts['ana']! })).counts.submitted).toBe(samples.length);
    expect((await sam.ok('queue.get', { labelerId: accounts['ben']! })).counts.draft).toBe(samples.length);
  });

  it('throttles failed sign-ins per account, and per address across accounts', async () => {
    const { host, clock, signIn } = await project();
    const attempt = (name: string, password: string, address = '10.0.0.1') =>
      host.connection({ address }).call('session.signIn', { method: 'password', name, password });
    for (let i = 0; i < 5; i++) expect(await attempt('ana', 'wrong password')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // Locked now: even the right password is not checked, from any address.
    expect(await attempt('ana', `ana ${TEST_PASSWORD}`, '10.0.0.2')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Too many failed sign-ins for this account\. Try again in 30 s/) },
    });
    clock.now += 31_000;
    expect((await attempt('ana', `ana ${TEST_PASSWORD}`, '10.0.0.2')).ok).toBe(true);
    // One address guessing many names is stopped too, and an unknown name answers like a wrong password.
    for (let i = 0; i < 20; i++) expect((await attempt(`nobody${i}`, 'guess', '10.9.9.9')).ok).toBe(false);
    expect(await attempt('ben', `ben ${TEST_PASSWORD}`, '10.9.9.9')).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/for this computer/) },
    });
    expect((await signIn('ben')).credentials.session).not.toBeNull(); // from elsewhere, ben is fine
  });

  it('ends a session after its idle time, and at once when an admin disables the account or changes its role', async () => {
    const { host, clock, accounts, signIn } = await project();
    const ana = await signIn('ana');
    clock.now += SESSION_IDLE_MS - 60_000;
    expect((await ana.ok('queue.get', { labelerId: accounts['ana']! })).items.length).toBe(2); // used: its end moves on
    clock.now += SESSION_IDLE_MS - 60_000;
    expect((await ana.ok('queue.get', { labelerId: accounts['ana']! })).items.length).toBe(2);
    clock.now += SESSION_IDLE_MS + 1;
    expect(await ana.fails('queue.get', { labelerId: accounts['ana']! })).toEqual({
      code: 'unauthenticated',
      message: 'Your session has ended. Sign in again.',
    });

    await host.ok('session.signIn', { method: 'owner' }); // the admin's own session had ended too
    const ben = await signIn('ben');
    await host.ok('labelers.update', { labelerId: accounts['ben']!, disabled: true });
    expect((await ben.fails('queue.get', { labelerId: accounts['ben']! })).code).toBe('unauthenticated');
    expect((await host.connection().fails('session.signIn', { method: 'password', name: 'ben', password: `ben ${TEST_PASSWORD}` })).code).toBe(
      'unauthenticated',
    );
    await host.ok('labelers.update', { labelerId: accounts['ben']!, disabled: false });

    const sam = await signIn('sam');
    await host.ok('labelers.update', { labelerId: accounts['sam']!, role: 'labeler' });
    expect((await sam.fails('review.queue', {})).code).toBe('unauthenticated');
    const samAgain = await signIn('sam');
    expect((await samAgain.fails('review.queue', {})).code).toBe('forbidden');
    // The last active admin cannot be demoted or disabled: someone must be able to manage accounts.
    const owner = (await host.ok('session.current', {}))!.account;
    expect((await host.fails('labelers.update', { labelerId: owner.id, role: 'sme' })).code).toBe('failed_precondition');
  });

  it('changes a password: the old one stops working, other windows are signed out, this one stays', async () => {
    const { signIn } = await project();
    const here = await signIn('ana');
    const elsewhere = await signIn('ana');
    expect((await here.fails('session.changePassword', { current: 'not it at all', next: 'a new long password' })).code).toBe('invalid_argument');
    await here.ok('session.changePassword', { current: `ana ${TEST_PASSWORD}`, next: 'a new long password' });
    expect((await here.ok('session.current', {}))?.account.name).toBe('ana');
    expect(await elsewhere.ok('session.current', {})).toBeNull();
    expect((await here.connection().fails('session.signIn', { method: 'password', name: 'ana', password: `ana ${TEST_PASSWORD}` })).code).toBe(
      'unauthenticated',
    );
    await signIn('ana', 'a new long password');
  });

  it('keeps passwords out of the database, the audit log and every error', async () => {
    const { host, accounts } = await project();
    const secret = 'Tr0ub4dor&3 secret phrase';
    await host.ok('labelers.update', { labelerId: accounts['ana']!, password: secret });
    const dbBytes = readFileSync(join((await host.ok('projects.current', {}))!.dir, 'concord.db'));
    expect(dbBytes.includes(Buffer.from(secret))).toBe(false);
    const wrong = await host.connection().fails('session.signIn', { method: 'password', name: 'ana', password: `${secret}!` });
    expect(JSON.stringify(wrong)).not.toContain(secret);
    const tooShort = await host.fails('labelers.create', { name: 'eve', password: 'short' });
    expect(JSON.stringify(tooShort)).not.toContain('short"');
    const audit = await host.ok('audit.list', {});
    expect(audit.entries[0]).toMatchObject({ action: 'labelers.update', subject: 'ana', details: { password: 'set' } });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('records who did what in an append-only audit log, shown to SMEs and admins', async () => {
    const { host, signIn } = await project();
    const sam = await signIn('sam');
    await sam.ok('assignments.plan', { overlap: 2, seed: 3 });
    const entries = (await sam.ok('audit.list', {})).entries;
    expect(entries.map((e) => [e.actor, e.action, e.subject])).toEqual(
      [
        ['sam', 'assignments.plan', 'assignment plan'],
        ['root', 'labelers.create', 'sam'],
        ['root', 'labelers.create', 'ben'],
        ['root', 'labelers.create', 'ana'],
      ].map(([actor, ...rest]) => [actor === 'root' ? entries.at(-1)!.actor : actor, ...rest]),
    );
    expect((await (await signIn('ana')).fails('audit.list', {})).code).toBe('forbidden');
    // Not even the back end's own database connection can rewrite it.
    const dir = (await host.ok('projects.current', {}))!.dir;
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(join(dir, 'concord.db'));
    try {
      expect(() => raw.prepare("update audit_log set actor_name = 'someone else'").run()).toThrow(/append-only/);
      expect(() => raw.prepare('delete from audit_log').run()).toThrow(/append-only/);
    } finally {
      raw.close();
    }
  });

  it('lets only the person at this computer continue as the owner or pick demo people', async () => {
    const { host } = await project();
    const stranger: TestHost = host.connection();
    expect((await stranger.fails('session.signIn', { method: 'owner' })).code).toBe('forbidden');
    expect((await stranger.fails('projects.close', {})).code).toBe('forbidden');
    expect((await host.fails('session.signIn', { method: 'demo', labelerId: 2 })).code).toBe('forbidden'); // not a demo
    await host.ok('projects.openDemo', { kind: 'bbox' });
    const people = await host.ok('session.options', {});
    expect(people.project?.demo).toBe(true);
    expect(people.demoAccounts.map((p) => p.name).sort()).toEqual(['ana', 'ben', 'chen', 'eli', 'sam']);
    expect((await host.connection().ok('session.options', {})).demoAccounts).toEqual([]);
    const ana = people.demoAccounts.find((p) => p.name === 'ana')!;
    expect((await stranger.fails('session.signIn', { method: 'demo', labelerId: ana.id })).code).toBe('forbidden');
    expect((await host.ok('session.signIn', { method: 'demo', labelerId: ana.id })).account.name).toBe('ana');
  });
});
