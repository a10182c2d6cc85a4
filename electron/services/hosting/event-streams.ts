import { mayHear } from '../../../shared/api/access';
import type { EventEnvelope } from '../../../shared/api/events';
import type { Labeler } from '../../../shared/domain/labeler';
import type { EventBus } from './events';
import type { OpenProject } from './context';

/**
 * How often an open stream asks again whether its session is live. A session can end where this
 * host does not see it (another team server, its idle time running out), so that is the longest a
 * stream outlives it; a sign-out, a password change or an account edited here end it at once.
 */
export const STREAM_RECHECK_MS = 10_000;

/** Who a stream was opened for: the owner (who hears everything) or a signed-in account. */
type Listener = { owner: true } | { owner: false; ticket: string; account: Labeler };

interface Stream {
  listener: Listener;
  send(event: EventEnvelope): void;
  end(): void;
}

/** What the streams read of the host: its events, its open project (a ticket belongs to one) and its clock. */
export interface StreamHost {
  readonly events: EventBus;
  readonly project: OpenProject | null;
  readonly now: () => number;
}

/**
 * The event streams open on a host (the web server's `/api/events`). Each hears only the events
 * its listener may (`EVENT_ACCESS`, by the account's current role) and ends once its session
 * does, so a signed-out tab or a disabled account hears nothing more.
 */
export class EventStreams {
  private readonly streams = new Set<Stream>();

  constructor(private readonly host: StreamHost) {
    // A ticket belongs to the project it was issued in: another project, or none, ends its streams.
    host.events.subscribe((event) => {
      if (event.name === 'project.changed') void this.recheck();
    });
  }

  /**
   * Opens a stream for the owner or a live session's ticket; null when neither. `send` gets each
   * event the listener may hear; `end` is called once, when the session has ended.
   * Returns the function that closes the stream from the transport's side.
   */
  async open(ticket: string | null, owner: boolean, send: Stream['send'], end: Stream['end']): Promise<(() => void) | null> {
    const listener: Listener | null = owner ? { owner: true } : await this.accountListener(ticket, true);
    if (!listener) return null;
    const close = () => {
      clearInterval(timer);
      unsubscribe();
      this.streams.delete(stream);
    };
    const stream: Stream = {
      listener,
      send,
      end: () => {
        close();
        end();
      },
    };
    this.streams.add(stream);
    const unsubscribe = this.host.events.subscribe((event) => {
      if (this.streams.has(stream) && (stream.listener.owner || mayHear(stream.listener.account.role, event.name))) stream.send(event);
    });
    const timer = setInterval(() => void this.recheckOne(stream), STREAM_RECHECK_MS);
    timer.unref();
    return close;
  }

  /**
   * Sessions may have ended or roles changed (a sign-out, a password change, an account edited):
   * every stream asks again now, and those whose session ended are over when this resolves.
   */
  async recheck(): Promise<void> {
    await Promise.all([...this.streams].map((stream) => this.recheckOne(stream)));
  }

  private async recheckOne(stream: Stream): Promise<void> {
    if (stream.listener.owner) return;
    const listener = await this.accountListener(stream.listener.ticket, false).catch((error: unknown) => {
      // A database that cannot answer cannot vouch for the session either.
      console.error('[events] could not check a stream’s session:', error);
      return null;
    });
    if (!this.streams.has(stream)) return;
    if (listener) stream.listener = listener;
    else stream.end();
  }

  /** The account a ticket signs in, as of now; `used` when the person opened the stream (that keeps their session alive). */
  private async accountListener(ticket: string | null, used: boolean): Promise<Listener | null> {
    const project = this.host.project;
    if (ticket === null || project === null) return null;
    const session = await project.sessions.ofTicket(project.ticketKey, ticket, this.host.now(), used);
    return session ? { owner: false, ticket, account: session.account } : null;
  }
}
