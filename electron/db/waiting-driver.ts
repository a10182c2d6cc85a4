import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, type DatabaseConnection, type Driver, type QueryResult, type TransactionSettings } from 'kysely';
import { ApiError } from '../../shared/api/errors';

/** How long a write waits for another process (or window) to finish its own before giving up. */
export const DEFAULT_BUSY_WAIT_MS = 10_000;
const FIRST_PAUSE_MS = 2;
const LONGEST_PAUSE_MS = 50;

/** The error a user sees when the wait runs out: the project is busy, and nothing was written. */
export function projectBusyError(): ApiError {
  return new ApiError('busy', 'The project is busy: another Concord window, server or command is writing to it. Nothing was saved; try again in a moment.');
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED');
}

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, pausing without blocking the
 * event loop in between. Only statements that did nothing when refused come here (BEGIN,
 * COMMIT, a statement outside a transaction), so running them again is always safe.
 * `pausing`, when given, spends each pause (for what may run on the connection meanwhile).
 */
async function retryWhileBusy<T>(attempt: () => Promise<T>, waitMs: number, pausing?: (pause: Promise<void>) => Promise<void>): Promise<T> {
  const deadline = Date.now() + waitMs;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() + pause > deadline) throw projectBusyError();
      const paused = new Promise<void>((resolve) => setTimeout(resolve, pause));
      await (pausing ? pausing(paused) : paused);
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
    }
  }
}

/**
 * Kysely's SQLite driver with two changes that make two writers on one project safe:
 * write transactions begin IMMEDIATE (they take the write lock up front, so a transaction
 * that read first can never fail later with SQLITE_BUSY_SNAPSHOT), and waiting for the
 * lock happens here, asynchronously and for a bounded time, instead of in SQLite's
 * busy_timeout, which would block the whole event loop (and with it any other connection
 * of this process that holds the lock and needs the loop to finish).
 */
class WaitingDriver implements Driver {
  /** Writes wait for this (see `OpenOptions.writesAfter`); null once it passed. */
  private writable: Promise<void> | null;

  constructor(
    private readonly inner: Driver,
    private readonly sqlite: BetterSqlite3.Database,
    private readonly waitMs: number,
    writable: Promise<void> | undefined,
  ) {
    this.writable = writable ?? null;
    writable?.then(
      () => (this.writable = null),
      () => undefined,
    );
  }

  /**
   * Waits until writes are allowed, before a transaction or a statement that writes; reads never
   * wait. The connection is let go meanwhile: a write waiting for the check must not hold up the
   * reads of every other request.
   */
  private async beforeWrite(connection: DatabaseConnection, sql: string | null): Promise<void> {
    if (!this.writable) return;
    if (sql !== null && isReadOnly(this.sqlite, sql)) return;
    await this.lettingGo(connection, this.writable);
  }

  /**
   * Waits for `wait` with the connection let go, then takes it back in turn: only while no
   * transaction of ours is open on it (before BEGIN, or a statement outside one), so what runs
   * meanwhile is another request's own.
   */
  private async lettingGo(connection: DatabaseConnection, wait: Promise<void>): Promise<void> {
    await this.inner.releaseConnection(connection);
    try {
      await wait;
    } finally {
      // Kysely releases it once more when this query or transaction ends.
      await this.inner.acquireConnection();
    }
  }

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    const { sqlite, waitMs } = this;
    const beforeWrite = (sql: string) => this.beforeWrite(connection, sql);
    const lettingGo = (pause: Promise<void>) => this.lettingGo(connection, pause);
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        // Inside a transaction the lock is already ours; outside, a refused statement did nothing.
        if (sqlite.inTransaction) return connection.executeQuery<R>(query);
        await beforeWrite(query.sql);
        // Another process holds the write lock: this request's reads and others' go on meanwhile.
        return retryWhileBusy(() => connection.executeQuery<R>(query), waitMs, lettingGo);
      },
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
    };
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    // A transaction may write after it reads: it waits as a whole, so none is refused halfway.
    if (!this.sqlite.readonly) await this.beforeWrite(connection, null);
    const begin = this.sqlite.readonly ? 'begin' : 'begin immediate';
    // Waiting for another process's write lock, the connection is let go: no transaction is open on it yet.
    await retryWhileBusy(
      () => connection.executeQuery(CompiledQuery.raw(begin)),
      this.waitMs,
      (pause) => this.lettingGo(connection, pause),
    );
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await retryWhileBusy(() => connection.executeQuery(CompiledQuery.raw('commit')), this.waitMs);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed statement may already have ended the transaction (SQLITE_FULL does).
    if (!this.sqlite.inTransaction) return;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  savepoint: Driver['savepoint'] = (connection, name, compile) => this.inner.savepoint!(connection, name, compile);
  rollbackToSavepoint: Driver['rollbackToSavepoint'] = (connection, name, compile) => this.inner.rollbackToSavepoint!(connection, name, compile);
  releaseSavepoint: Driver['releaseSavepoint'] = (connection, name, compile) => this.inner.releaseSavepoint!(connection, name, compile);

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

/** A statement SQLite says never writes (asked only while writes wait: preparing it twice costs a little). */
function isReadOnly(sqlite: BetterSqlite3.Database, sql: string): boolean {
  try {
    return sqlite.prepare(sql).readonly;
  } catch {
    // Not preparable now: running it will say why; until then treat it as a write.
    return false;
  }
}

/** SQLite through better-sqlite3, with immediate write transactions and a bounded async wait for the lock. */
export class WaitingSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly waitMs: number = DEFAULT_BUSY_WAIT_MS,
    private readonly writable?: Promise<void>,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new WaitingDriver(super.createDriver(), this.sqlite, this.waitMs, this.writable);
  }
}
