import type { Kysely } from 'kysely';
import type { ValidatedArg } from '../../shared/api/contract';
import type { AuditAction, AuditEntry, AuditPage } from '../../shared/domain/audit';
import { appendAudit, listAudit } from '../db/queries/audit';
import type { Database } from '../db/schema';
import { requireProject, type ServiceContext } from './context';

/**
 * Appends who did what to the audit log, in the caller's transaction when given one, so
 * the record and the change it describes commit together.
 */
export async function recordAudit(
  db: Kysely<Database>,
  ctx: ServiceContext,
  action: AuditAction,
  subject: string,
  details: AuditEntry['details'],
): Promise<void> {
  await appendAudit(db, { at: Date.now(), actorId: ctx.caller?.id ?? null, actorName: ctx.caller?.name ?? 'unknown', action, subject, details });
}

export async function auditList(ctx: ServiceContext, arg: ValidatedArg<'audit.list'>): Promise<AuditPage> {
  return listAudit(requireProject(ctx).connection.db, arg);
}
