import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { EventEnvelope, EventMap } from '../../../shared/api/events';
import { checkedAtFromStamp } from '../../../electron/services/database-check-stamp';
import { damagePageOf } from '../../support/damaged-database';
import { closedProject, openFilesUnder } from '../../support/project-opening';
import { TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the app opens a copied or crashed project at once and checks it beside the open project', () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  /** A project closed cleanly, then its stamp removed: the check must run, as after a copy or a crash. */
  async function copiedProject() {
    const { host, dir, paths } = await closedProject(newHost, tempDir);
    rmSync(paths.checkStamp);
    const events: EventEnvelope[] = [];
    host.onEvent((event) => events.push(event));
    return { host, dir, paths, events };
  }

  it('saves a write made at once after the check passes, and stamps the file on close', async () => {
    const { host, dir, paths } = await copiedProject();
    await host.ok('projects.open', { dir });
    // The owner's sign-in above already wrote its session: this write too waited for the check, then went in.
    const ana = await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    expect((await host.ok('labelers.list', {})).map((l) => l.id)).toContain(ana.id);
    await host.ok('projects.close', {});
    expect(await checkedAtFromStamp(paths.checkStamp, paths.database, Date.now())).not.toBeNull();
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

  it('never writes a damaged copy: its first write fails with the refusal, and the project closes with it', async () => {
    const { host, dir, paths, events } = await copiedProject();
    // A page that opening and signing in never read: only the check finds it.
    damagePageOf(paths.database, 'dataset_version');
    const before = digest(paths.database);

    // The owner's sign-in is the first write: it waits for the check, which fails.
    await expect(host.call('projects.open', { dir })).rejects.toThrow(/signing in as the owner failed: .*is damaged \(SQLite's integrity check failed\)/);
    const closedEvent = () =>
      events.map((e) => (e.name === 'project.changed' ? (e.payload as EventMap['project.changed']) : null)).find((p) => p?.dir === null);
    await expect.poll(() => closedEvent() !== undefined).toBe(true);
    const closed = closedEvent()!;
    expect(closed.damaged?.dir).toBe(dir);
    expect(closed.damaged?.message).toMatch(/is damaged \(SQLite's integrity check failed\), so Concord does not open it/);
    expect(await host.ok('projects.current', {})).toBeNull();
    expect(digest(paths.database)).toBe(before);
    // Let go of: no lock left, and no handle on the file (the user can move it away at once).
    expect(existsSync(paths.lock)).toBe(false);
    expect(openFilesUnder(dir).filter((file) => file.startsWith(paths.database))).toEqual([]);
    // Opened again, it is refused again (no stamp was left for it).
    await expect(host.call('projects.open', { dir })).rejects.toThrow(/is damaged/);
    expect(digest(paths.database)).toBe(before);
  });
});
