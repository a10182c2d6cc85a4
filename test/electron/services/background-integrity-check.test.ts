import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventEnvelope, EventMap } from '../../../shared/api/events';
import { checkedAtFromStamp } from '../../../electron/services/database-check-stamp';
import type * as IntegrityCheck from '../../../electron/workers/integrity-check';
import { damagePageOf } from '../../support/damaged-database';
import { closedProject, openFilesUnder } from '../../support/project-opening';
import { TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * The real check, its verdict held back while a test holds `gate.verdicts`: what happens while a
 * check runs is then seen whatever the check's speed (milliseconds on a project this small).
 */
const gate = vi.hoisted(() => ({ verdicts: null as Promise<void> | null }));
vi.mock('../../../electron/workers/integrity-check', async (original) => {
  const real = await original<typeof IntegrityCheck>();
  return {
    checkIntegrityInWorker: (...args: Parameters<typeof real.checkIntegrityInWorker>) => {
      const running = real.checkIntegrityInWorker(...args);
      const held = gate.verdicts;
      return held ? { ...running, verdict: held.then(() => running.verdict) } : running;
    },
  };
});

/** Holds the verdicts of checks started from now until the returned function is called. */
function holdVerdicts(): () => void {
  let release!: () => void;
  gate.verdicts = new Promise<void>((resolve) => (release = resolve));
  return release;
}

/** The owner's sessions written in the project's file (read beside the host's own connection). */
function ownerSessionsIn(file: string): number {
  const reader = new BetterSqlite3(file, { readonly: true });
  try {
    return (
      reader.prepare('SELECT count(*) AS n FROM session JOIN labeler ON labeler.id = session.labeler_id WHERE labeler.is_owner = 1').get() as { n: number }
    ).n;
  } finally {
    reader.close();
  }
}

describe('the app opens a copied or crashed project at once and checks it beside the open project', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();
  let releaseVerdicts: (() => void) | null = null;
  afterEach(() => {
    releaseVerdicts?.();
    releaseVerdicts = gate.verdicts = null;
  });

  /** A project closed cleanly, then its stamp removed: the check must run, as after a copy or a crash. */
  async function copiedProject() {
    const { host, dir, paths } = await closedProject(newHost, tempDir);
    rmSync(paths.checkStamp);
    const events: EventEnvelope[] = [];
    host.onEvent((event) => events.push(event));
    return { host, dir, paths, events };
  }

  it('signs the owner in while the check runs, and writes the session and a waiting write once it passes', async () => {
    const { host, dir, paths } = await copiedProject();
    // The session of the sign-in that made the project.
    const stored = ownerSessionsIn(paths.database);
    releaseVerdicts = holdVerdicts();
    // The owner's sign-in (made by the test host as the app's window does) answers during the check...
    await host.ok('projects.open', { dir });
    expect((await host.ok('session.current', {}))?.account.owner).toBe(true);
    expect(ownerSessionsIn(paths.database)).toBe(stored);
    // ...while a write waits for it, and reads go on.
    const creating = host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    expect((await host.ok('labelers.list', {})).map((l) => l.name)).not.toContain('ana');

    releaseVerdicts();
    const ana = await creating;
    expect((await host.ok('labelers.list', {})).map((l) => l.id)).toContain(ana.id);
    expect(ownerSessionsIn(paths.database)).toBe(stored + 1);
    await host.ok('projects.close', {});
    expect(await checkedAtFromStamp(paths.checkStamp, paths.database, Date.now())).not.toBeNull();
  });

  it('signs a labeler in with a password while the check runs, and counts a wrong password once it passes', async () => {
    const { host, dir, paths } = await copiedProject();
    await host.ok('projects.open', { dir });
    await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    await host.ok('projects.close', {});
    rmSync(paths.checkStamp);
    releaseVerdicts = holdVerdicts();
    await host.ok('projects.open', { dir });

    const ana = host.connection();
    expect((await ana.ok('session.signIn', { method: 'password', name: 'ana', password: TEST_PASSWORD })).account.name).toBe('ana');
    expect((await ana.ok('session.current', {}))?.account.name).toBe('ana');
    const wrong = host.connection().call('session.signIn', { method: 'password', name: 'ana', password: 'not the password' });
    releaseVerdicts();
    expect(await wrong).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const reader = new BetterSqlite3(paths.database, { readonly: true });
    try {
      expect(reader.prepare("SELECT failures FROM sign_in_failure WHERE key = 'account:ana'").get()).toEqual({ failures: 1 });
    } finally {
      reader.close();
    }
  });

  it('marks an import the crash interrupted as failed, once the check allows the write', async () => {
    const { host, dir, paths } = await copiedProject();
    const crashed = new BetterSqlite3(paths.database);
    crashed
      .prepare("INSERT INTO import_job (id, source, copy_media, state, started_at, finished_at, error) VALUES ('j1', '/media', 0, 'importing', 1, NULL, NULL)")
      .run();
    crashed.close();
    await host.ok('projects.open', { dir });
    const job = await host.ok('imports.get', { jobId: 'j1' });
    expect(job.finishedAt).not.toBeNull();
    expect(job.error).toMatch(/interrupted/);
  });

  it('never writes a damaged copy, not even the session of a sign-in made during its check: the project closes, saying why', async () => {
    const { host, dir, paths, events } = await copiedProject();
    // A page that opening and signing in never read: only the check finds it.
    damagePageOf(paths.database, 'dataset_version');
    const before = digest(paths.database);
    releaseVerdicts = holdVerdicts();

    // Opening and the owner's sign-in write nothing: both answer while the check runs (a write
    // waiting for it fails with its refusal: writes-after-check.test.ts).
    await host.ok('projects.open', { dir });
    expect((await host.ok('session.current', {}))?.account.owner).toBe(true);
    releaseVerdicts();
    const closings = () =>
      events.flatMap((e) =>
        e.name === 'project.changed' && (e.payload as EventMap['project.changed']).dir === null ? [e.payload as EventMap['project.changed']] : [],
      );
    await expect.poll(() => closings().length).toBe(1);
    const closed = closings()[0]!;
    expect(closed.damaged?.dir).toBe(dir);
    expect(closed.damaged?.message).toMatch(/is damaged \(SQLite's integrity check failed\), so Concord does not open it/);
    expect(await host.ok('projects.current', {})).toBeNull();
    expect(digest(paths.database)).toBe(before);
    // Let go of: no lock left, and no handle on the file (the user can move it away at once).
    expect(existsSync(paths.lock)).toBe(false);
    expect(openFilesUnder(dir).filter((file) => file.startsWith(paths.database))).toEqual([]);
    // Opened again, it is checked and closed again (no stamp was left for it), and still never written.
    await host.ok('projects.open', { dir });
    await expect.poll(() => closings().length).toBe(2);
    expect(closings()[1]!.damaged?.dir).toBe(dir);
    expect(digest(paths.database)).toBe(before);
  });
});
