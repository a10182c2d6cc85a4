import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Labeler } from '../../shared/domain/labeler';
import { findLabelerByName, getLabeler, insertLabeler, listLabelers, updateLabeler } from '../db/queries/labelers';
import { deleteSessionsOf } from '../db/queries/sessions';
import { inTransaction } from '../db/transaction';
import { hashPassword } from './auth/passwords';
import { requireProject, type ServiceContext } from './hosting/context';
import { rebalanceIfPlanned } from './assignments';

export async function labelersList(ctx: ServiceContext): Promise<Labeler[]> {
  return listLabelers(requireProject(ctx).connection.db);
}

export async function labelersCreate(ctx: ServiceContext, arg: ValidatedArg<'labelers.create'>): Promise<Labeler> {
  const project = requireProject(ctx);
  const { db } = project.connection;
  if (arg.password === undefined && !project.demo) {
    throw new ApiError('invalid_argument', `${arg.name} needs a password to sign in with.`, [{ path: 'password', message: 'required' }]);
  }
  if (await findLabelerByName(db, arg.name)) {
    throw new ApiError('conflict', `An account named "${arg.name}" already exists.`, [{ path: 'name', message: 'already taken' }]);
  }
  const passwordHash = arg.password === undefined ? null : await hashPassword(arg.password);
  const labeler = await insertLabeler(db, { name: arg.name, role: arg.role, createdAt: Date.now(), passwordHash });
  // A labeler joining a planned project gets a fair share of the work nobody has started.
  if (labeler.role === 'labeler' && (await rebalanceIfPlanned(project))) ctx.events.emit('queues.changed', { cause: 'assignments' });
  return labeler;
}

/** An admin changes an account; its sessions end, so the change holds from its next call. */
export async function labelersUpdate(ctx: ServiceContext, arg: ValidatedArg<'labelers.update'>): Promise<Labeler> {
  const { db } = requireProject(ctx).connection;
  const before = await getLabeler(db, arg.labelerId);
  if (!before) throw new ApiError('not_found', `No account ${arg.labelerId} in this project.`, [{ path: 'labelerId', message: 'unknown account' }]);
  const passwordHash = arg.password === undefined ? undefined : await hashPassword(arg.password);
  const disabledAt = arg.disabled === undefined ? undefined : arg.disabled ? (before.disabled ? undefined : Date.now()) : null;
  const updated = await inTransaction(db, async (trx) => {
    const after = await updateLabeler(trx, before.id, { role: arg.role, disabledAt, passwordHash });
    const admins = (await listLabelers(trx)).filter((l) => l.role === 'admin' && !l.disabled);
    if (admins.length === 0) throw new ApiError('failed_precondition', 'A project keeps at least one active admin: make another admin first.');
    await deleteSessionsOf(trx, before.id);
    return after;
  });
  await ctx.streams.recheck();
  return updated;
}
