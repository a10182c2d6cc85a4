import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkedAtFromStamp, RECHECK_AFTER_MS } from '../../../electron/services/database-check-stamp';
import { damagePageOf } from '../../support/damaged-database';
import { closedProject } from '../../support/project-opening';
import { TEST_PASSWORD, useServiceHost } from '../../support/service-host';
import { useTempDirs } from '../../support/temp-dir';

const DAY = 24 * 60 * 60 * 1000;

describe("opening a project skips SQLite's integrity check only for the file it last passed on", () => {
  const tempDir = useTempDirs();
  const newHost = useServiceHost();

  const stampOf = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { checkedAt: number };
  /** Says the check last ran `ago` milliseconds ago, leaving the stamp's record of the file as it is. */
  const backdate = (file: string, ago: number) => writeFileSync(file, JSON.stringify({ ...stampOf(file), checkedAt: Date.now() - ago }));

  it('reopens a cleanly closed project on its stamp, and checks again once the stamp is a week old', async () => {
    const { host, dir, paths } = await closedProject(newHost, tempDir);
    expect(await checkedAtFromStamp(paths.checkStamp, paths.database, Date.now())).not.toBeNull();

    // Opened on the stamp, a day-old check is carried forward rather than renewed.
    backdate(paths.checkStamp, DAY);
    const dayOld = stampOf(paths.checkStamp).checkedAt;
    await host.ok('projects.open', { dir });
    await host.ok('labelers.create', { name: 'ana', password: TEST_PASSWORD });
    await host.ok('projects.close', {});
    expect(stampOf(paths.checkStamp).checkedAt).toBe(dayOld);

    // Past a week the check runs again, and the stamp says so.
    backdate(paths.checkStamp, RECHECK_AFTER_MS + DAY);
    const before = Date.now();
    await host.ok('projects.open', { dir });
    // A write waits for the check (the sign-in does not), so the project closes after it ended.
    await host.ok('labelers.create', { name: 'bo', password: TEST_PASSWORD });
    await host.ok('projects.close', {});
    expect(stampOf(paths.checkStamp).checkedAt).toBeGreaterThanOrEqual(before);
  });

  it('still refuses a database damaged after its clean close, even with its modification time put back', async () => {
    // The CLI checks before it opens (the app checks beside the open project: background-integrity-check.test.ts).
    const { dir, paths } = await closedProject(newHost, tempDir);
    const host = newHost(tempDir(), { hostKind: 'cli' });
    const { mtimeNs } = statSync(paths.database, { bigint: true });
    damagePageOf(paths.database, 'labeler');
    // To the nanosecond, as a tool that keeps times would (Node's utimes rounds them).
    execFileSync('touch', ['-m', '-d', `@${mtimeNs / 1_000_000_000n}.${String(mtimeNs % 1_000_000_000n).padStart(9, '0')}`, paths.database]);
    expect(statSync(paths.database, { bigint: true }).mtimeNs).toBe(mtimeNs);

    const error = await host.fails('projects.open', { dir });
    expect(error.code).toBe('damaged');
    expect(error.message).toMatch(/is damaged \(SQLite's integrity check failed\)/);
  });

  it('checks a database left with a write-ahead log (a crash, or another process still writing)', async () => {
    const { paths } = await closedProject(newHost, tempDir);
    const other = new BetterSqlite3(paths.database);
    try {
      other.pragma('journal_mode = WAL');
      other.exec("INSERT INTO tag (name, position) VALUES ('written elsewhere', 9)");
      expect(existsSync(`${paths.database}-wal`)).toBe(true);
      expect(await checkedAtFromStamp(paths.checkStamp, paths.database, Date.now())).toBeNull();
    } finally {
      other.close();
    }
    // Its last close folded the log into the file, whose times moved on: still no stamp to trust.
    expect(await checkedAtFromStamp(paths.checkStamp, paths.database, Date.now())).toBeNull();
  });

  it('reads a malformed or future stamp as "check"', async () => {
    const { paths } = await closedProject(newHost, tempDir);
    const good = readFileSync(paths.checkStamp, 'utf8');
    writeFileSync(paths.checkStamp, '{"format":1,"file":');
    expect(await checkedAtFromStamp(paths.checkStamp, paths.database, Date.now())).toBeNull();
    writeFileSync(paths.checkStamp, JSON.stringify({ ...JSON.parse(good), format: 2 }));
    expect(await checkedAtFromStamp(paths.checkStamp, paths.database, Date.now())).toBeNull();
    backdate(paths.checkStamp, -DAY);
    expect(await checkedAtFromStamp(paths.checkStamp, paths.database, Date.now())).toBeNull();
  });

  it('leaves no stamp from a read-only view', async () => {
    const { host, dir, paths } = await closedProject(newHost, tempDir);
    writeFileSync(paths.checkStamp, 'left by hand');
    await host.ok('projects.open', { dir, readOnly: true });
    await host.ok('projects.close', {});
    expect(readFileSync(paths.checkStamp, 'utf8')).toBe('left by hand');
  });
});
