import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EventEnvelope, EventName } from '../../../shared/api/events';
import { notifyTeam, TeamListener } from '../../db/team-notifications';
import type { HostState } from './context';

/**
 * The events that concern every server of a team database: what one server's caller changed
 * and another server's windows show. Progress of this process's own jobs and its open project
 * stay with it. Each payload is checked on arrival: anyone who may write to the database may
 * also announce on it.
 */
const relayedEvent = z.discriminatedUnion('name', [
  z.object({ name: z.literal('agreement.changed'), payload: z.object({ sampleId: z.number().int().positive() }) }),
  z.object({ name: z.literal('queues.changed'), payload: z.object({ cause: z.enum(['import', 'assignments']) }) }),
  z.object({ name: z.literal('guideline.published'), payload: z.object({ version: z.number().int().positive() }) }),
  z.object({ name: z.literal('review.decided'), payload: z.object({ sampleId: z.number().int().positive(), revision: z.number().int().positive() }) }),
  z.object({ name: z.literal('dataset.created'), payload: z.object({ version: z.number().int().positive() }) }),
  z.object({ name: z.literal('comments.changed'), payload: z.object({ sampleId: z.number().int().positive() }) }),
  z.object({ name: z.literal('taxonomy.changed'), payload: z.object({ target: z.enum(['class', 'tag']), id: z.number().int().positive() }) }),
]);
const RELAYED = new Set<EventName>(relayedEvent.options.map((option) => option.shape.name.value));
const announcement = z.object({ origin: z.string().max(100), event: relayedEvent });

/**
 * Joins the servers of one team database: events of this host that concern the team are
 * announced through PostgreSQL (LISTEN/NOTIFY), and those of the other servers are brought
 * to this host's windows, with its agreement ledgers updated from them (a submission re-reads
 * its sample; a publication, a tag changed, or any announcement possibly missed while the connection was
 * down, makes the ledgers load anew). Nothing a window shows rests on one process's memory.
 */
export class TeamRelay {
  /** Tells this server's own announcements apart from the others'. */
  private readonly origin = randomUUID();
  /** Listening starts once a project is open: the database exists then, and its schema is current. */
  private listener: TeamListener | null = null;
  private readonly unsubscribe: () => void;
  /** Set while a relayed event is emitted here, so it is not announced back. */
  private relaying = false;

  constructor(
    url: string,
    private readonly state: HostState,
  ) {
    this.unsubscribe = state.events.subscribe((event) => {
      if (event.name === 'project.changed' && state.project && !this.listener) {
        this.listener = new TeamListener(url, {
          message: (text) => this.received(text),
          listening: () => state.project?.agreement.invalidate(),
        });
      }
      this.announce(event);
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    await this.listener?.close();
  }

  private announce(event: EventEnvelope): void {
    const project = this.state.project;
    if (this.relaying || !RELAYED.has(event.name) || project?.connection.engine !== 'postgres') return;
    notifyTeam(project.connection.db, JSON.stringify({ origin: this.origin, event })).catch((error: unknown) => {
      // The change itself is saved; the other servers' windows show it at their next read.
      console.warn(`[team] could not announce ${event.name} to the other servers:`, (error as Error).message);
    });
  }

  private received(text: string): void {
    let parsed: z.infer<typeof announcement>;
    try {
      parsed = announcement.parse(JSON.parse(text));
    } catch {
      console.warn(`[team] ignored an announcement that is not Concord's (${text.length} characters)`);
      return;
    }
    const project = this.state.project;
    if (parsed.origin === this.origin || !project) return;
    const { event } = parsed;
    if (event.name === 'agreement.changed') project.agreement.sampleChanged(event.payload.sampleId);
    // A publication may send submitted answers back to drafts: what the ledgers hold is read again.
    if (event.name === 'guideline.published') project.agreement.invalidate();
    // Agreement per tag is kept by the tag's name: a renamed tag's figures are read again under the new one.
    if (event.name === 'taxonomy.changed' && event.payload.target === 'tag') project.agreement.invalidate();
    this.relaying = true;
    try {
      this.state.events.emit(event.name, event.payload);
    } finally {
      this.relaying = false;
    }
  }
}
