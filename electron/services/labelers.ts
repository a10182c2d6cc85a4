import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Labeler } from '../../shared/domain/labeler';
import { findLabelerByName, getLabeler, insertLabeler, listLabelers } from '../db/queries/labelers';
import { requireProject, type ServiceContext } from './context';
import { rebalanceIfPlanned } from './assignments';

export async function labelersList(ctx: ServiceContext): Promise<Labeler[]> {
  return listLabelers(requireProject(ctx).connection.db);
}

export async function labelersCreate(ctx: ServiceContext, arg: ValidatedArg<'labelers.create'>): Promise<Labeler> {
  const { db } = requireProject(ctx).connection;
  if (await findLabelerByName(db, arg.name)) {
    throw new ApiError('conflict', `A labeler named "${arg.name}" already exists.`, [{ path: 'name', message: 'already taken' }]);
  }
  const labeler = await insertLabeler(db, { name: arg.name, role: arg.role, createdAt: Date.now() });
  // A labeler joining a planned project gets a fair share of the work nobody has started.
  if (labeler.role === 'labeler') await rebalanceIfPlanned(requireProject(ctx));
  return labeler;
}

export async function sessionSignIn(ctx: ServiceContext, arg: ValidatedArg<'session.signIn'>): Promise<Labeler> {
  const labeler = await getLabeler(requireProject(ctx).connection.db, arg.labelerId);
  if (!labeler) throw new ApiError('not_found', `No labeler ${arg.labelerId} in this project.`, [{ path: 'labelerId', message: 'unknown labeler' }]);
  ctx.caller = labeler;
  return labeler;
}

export async function sessionCurrent(ctx: ServiceContext): Promise<Labeler | null> {
  return ctx.caller;
}
