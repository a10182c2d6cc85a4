import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConnection, type Connection } from '../../../electron/db/connection';
import { getOwner } from '../../../electron/db/queries/labelers';
import { findSessionByPublicId } from '../../../electron/db/queries/sessions';
import { migrate } from '../../../electron/db/migrate';
import { mediaTicket, ProjectSessions, SESSION_IDLE_MS } from '../../../electron/services/auth/sessions';
import { heldCheck } from '../../support/held-check';
import { useTempDirs } from '../../support/temp-dir';

/**
 * A copied project's first open runs its integrity check beside the open project, and every
 * write waits for it (writes-after-check.test.ts). Signing in must not: the people opening the
 * project would wait seconds for their first screen.
 */
describe('sessions started while the integrity check runs', () => {
  const tempDir = useTempDirs();
  const secret = Buffer.alloc(32, 7);
  const now = Date.UTC(2026, 11, 6, 12);

  /** A migrated project database, open with its writes held until `pass` or `fail`. */
  async function checking(before?: (setup: Connection) => Promise<void>) {
    const file = join(tempDir(), 'concord.db');
    const setup = openConnection(file);
    await migrate(setup.db);
    await before?.(setup);
    await setup.close();
    const { checked, pass, fail } = heldCheck();
    const connection = openConnection(file, { writesAfter: checked });
    const owner = (await getOwner(connection.db))!;
    return { connection, owner, pass, fail, checked };
  }

  /** Whether the session's row is in the file. */
  async function stored(connection: Connection, publicId: string): Promise<boolean> {
    return (await findSessionByPublicId(connection.db, publicId)) !== null;
  }

  it('signs in at once, is found by token and ticket, and writes the session once the check passes', async () => {
    const { connection, owner, pass, checked } = await checking();
    try {
      const sessions = new ProjectSessions(connection.db, checked);
      const started = await sessions.start(owner, now);
      expect(await stored(connection, started.publicId)).toBe(false);
      expect((await sessions.resume(started.token, now + 1))?.account.id).toBe(owner.id);
      expect((await sessions.ofTicket(secret, mediaTicket(secret, started.publicId), now + 1))?.publicId).toBe(started.publicId);
      expect(await sessions.resume('not-a-token', now + 1)).toBeNull();

      pass();
      await expect.poll(() => stored(connection, started.publicId)).toBe(true);
      // Read from the file now, and the same session.
      expect(await sessions.resume(started.token, now + 2)).toMatchObject({ publicId: started.publicId, expiresAt: now + SESSION_IDLE_MS });
    } finally {
      await connection.close();
    }
  });

  it('ends a session at once on sign-out, and never writes its row', async () => {
    const { connection, owner, pass, checked } = await checking();
    try {
      const sessions = new ProjectSessions(connection.db, checked);
      const kept = await sessions.start(owner, now);
      const ended = await sessions.start(owner, now);
      const signingOut = sessions.end(ended.publicId);
      // Ended before the check allowed a write: no call opens it meanwhile.
      expect(await sessions.resume(ended.token, now + 1)).toBeNull();
      expect(await sessions.ofTicket(secret, mediaTicket(secret, ended.publicId), now + 1)).toBeNull();

      pass();
      await signingOut;
      await expect.poll(() => stored(connection, kept.publicId)).toBe(true);
      expect(await stored(connection, ended.publicId)).toBe(false);
      expect(await sessions.resume(ended.token, now + 2)).toBeNull();
      // The ended session's row was never written (not written, then deleted): one row changed, the kept one's.
      expect(connection.sqlite.prepare('SELECT total_changes() AS n').get()).toEqual({ n: 1 });
    } finally {
      await connection.close();
    }
  });

  it('writes nothing when the check fails: the sessions end with the project', async () => {
    const { connection, owner, fail, checked } = await checking();
    try {
      const sessions = new ProjectSessions(connection.db, checked);
      const started = await sessions.start(owner, now);
      fail(new Error('The project database is damaged'));
      await expect(checked).rejects.toThrow(/damaged/);
      await expect.poll(() => sessions.resume(started.token, now + 1)).toBeNull();
      expect(await stored(connection, started.publicId)).toBe(false);
    } finally {
      await connection.close();
    }
  });

  it('resumes a stored session during the check without waiting to move its end, and moves it after', async () => {
    const hour = 60 * 60_000;
    let storedBefore!: { token: string; publicId: string };
    // Started before this open, on the project as it was (no check running).
    const { connection, pass, checked } = await checking(async (setup) => {
      storedBefore = await new ProjectSessions(setup.db, null).start((await getOwner(setup.db))!, now);
    });
    try {
      const sessions = new ProjectSessions(connection.db, checked);
      // An hour on, its end is due to move; a call that waited for the write would not answer before the check.
      expect(await sessions.resume(storedBefore.token, now + hour)).toMatchObject({ publicId: storedBefore.publicId, expiresAt: now + SESSION_IDLE_MS });

      pass();
      await checked;
      expect(await sessions.resume(storedBefore.token, now + hour)).toMatchObject({ expiresAt: now + hour + SESSION_IDLE_MS });
      expect(await findSessionByPublicId(connection.db, storedBefore.publicId)).toMatchObject({ expiresAt: now + hour + SESSION_IDLE_MS });
    } finally {
      await connection.close();
    }
  });
});
