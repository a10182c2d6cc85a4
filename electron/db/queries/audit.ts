import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditAction, AuditEntry } from '../../../shared/domain/audit';
import type { Database } from '../schema';
import { readStoredJsonOrNull } from '../stored-json';

/** A few facts about an audited action (`audit_log.details_json`). */
const detailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export async function appendAudit(
  db: Kysely<Database>,
  entry: { at: number; actorId: number | null; actorName: string; action: AuditAction; subject: string; details: AuditEntry['details'] },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      action: entry.action,
      subject: entry.subject,
      details_json: JSON.stringify(entry.details),
    })
    .execute();
}

/** Newest first. */
export async function listAudit(db: Kysely<Database>, page: { offset: number; limit: number }): Promise<{ entries: AuditEntry[]; total: number }> {
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').offset(page.offset).limit(page.limit).execute();
  const { total } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return {
    total: Number(total),
    entries: rows.map((row) => {
      // The log must show every entry, so a damaged one keeps its who, what and when, without details (and is logged).
      const details = readStoredJsonOrNull(detailsSchema, row.details_json, { table: 'audit_log', column: 'details_json', row: row.id });
      return {
        id: row.id,
        at: new Date(row.at).toISOString(),
        actor: row.actor_name,
        action: row.action as AuditAction,
        subject: row.subject,
        details: details ?? {},
      };
    }),
  };
}
