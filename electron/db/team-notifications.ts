import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { shownAddress } from './team-database';
import type { Database } from './schema';

/** The one channel every server of a team database announces its changes on. */
const CHANNEL = 'concord_events';
/** How long to wait before listening again after the connection dropped, doubling up to the last. */
const RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000];

/**
 * Announces a change to every server listening on the team database. PostgreSQL delivers it
 * to each listening connection (this process's too) once the statement commits.
 *
 * @example
 *   await notifyTeam(db, JSON.stringify({ name: 'dataset.created', payload: { version: 3 } }));
 */
export async function notifyTeam(db: Kysely<Database>, message: string): Promise<void> {
  await sql`SELECT pg_notify(${CHANNEL}, ${message})`.execute(db);
}

export interface TeamListenerHandlers {
  /** A message announced by some server (this one included). */
  message(text: string): void;
  /**
   * Listening (again): messages sent while there was no listening connection are lost, so
   * anything kept from them (the agreement ledgers) must be read anew.
   */
  listening(): void;
}

/**
 * Listens for the team's announcements on a connection of its own (a pooled one would be handed
 * to other queries between messages). When that connection drops (a restart of the database, a
 * network cut) it connects again, waiting a little longer after each failure, until closed.
 */
export class TeamListener {
  private client: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly handlers: TeamListenerHandlers,
  ) {
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    this.retry = null;
    const client = new pg.Client({ connectionString: this.url, application_name: 'concord listener' });
    // Errors after connecting (the server went away) end the client; 'end' then starts over.
    client.on('error', () => undefined);
    client.on('end', () => this.dropped(client));
    client.on('notification', (notification) => {
      if (notification.channel === CHANNEL && notification.payload !== undefined) this.handlers.message(notification.payload);
    });
    try {
      await client.connect();
      if (this.closed) return void (await client.end());
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      if (this.failures === 0) console.warn(`[team] cannot listen for changes on ${shownAddress(this.url)}:`, (error as Error).message);
      return this.dropped(null);
    }
    this.client = client;
    if (this.failures > 0) console.warn(`[team] listening for changes on ${shownAddress(this.url)} again`);
    this.failures = 0;
    this.handlers.listening();
  }

  private dropped(client: pg.Client | null): void {
    if (this.closed || (client !== null && client !== this.client)) return;
    this.client = null;
    if (this.retry) return;
    if (client !== null) console.warn(`[team] the connection listening for changes on ${shownAddress(this.url)} dropped; connecting again`);
    const delay = RETRY_DELAYS_MS[Math.min(this.failures, RETRY_DELAYS_MS.length - 1)]!;
    this.failures++;
    this.retry = setTimeout(() => void this.connect(), delay);
  }
}
