import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { Labeler } from '../../shared/domain/labeler';
import type { SessionView, SignedIn, SignInOptions } from '../../shared/domain/session';
import { findCredentials, getLabeler, getOwner, listLabelers, passwordHashOf, updateLabeler } from '../db/queries/labelers';
import { deleteSessionsOf } from '../db/queries/sessions';
import { inTransaction } from '../db/transaction';
import { hashPassword, spendVerificationTime, verifyPassword } from './auth/passwords';
import { mediaTicket, type LiveSession } from './auth/sessions';
import { projectFailureStore, recordFailure, recordSuccess, refuseIfLocked, type ThrottleKey } from './auth/throttle';
import { requireCaller, requireProject, type ServiceContext } from './hosting/context';

export async function sessionOptions(ctx: ServiceContext): Promise<SignInOptions> {
  const project = ctx.project;
  const owner = ctx.credentials.owner;
  if (!project) return { project: null, owner, ownerAccount: null, demoAccounts: [] };
  const { db } = project.connection;
  const ownerAccount = owner ? await getOwner(db) : null;
  const demoAccounts = owner && project.demo ? (await listLabelers(db)).filter((l) => !l.hasPassword && !l.disabled && !l.owner) : [];
  return {
    project: { name: project.name, kind: project.kind, demo: project.demo },
    owner,
    ownerAccount: ownerAccount && !ownerAccount.disabled ? ownerAccount.name : null,
    demoAccounts,
  };
}

export async function sessionSignIn(ctx: ServiceContext, arg: ValidatedArg<'session.signIn'>): Promise<SignedIn> {
  const project = requireProject(ctx);
  const account =
    arg.method === 'password'
      ? await checkPassword(ctx, arg.name, arg.password)
      : arg.method === 'owner'
        ? await ownerAccount(ctx)
        : await demoAccount(ctx, arg.labelerId);
  const session = await project.sessions.start(account, ctx.now());
  return { ...view(ctx, session), token: session.token };
}

export async function sessionCurrent(ctx: ServiceContext): Promise<SessionView | null> {
  if (!ctx.project || !ctx.credentials.session) return null;
  const session = await ctx.project.sessions.resume(ctx.credentials.session, ctx.now());
  return session && view(ctx, session);
}

export async function sessionSignOut(ctx: ServiceContext): Promise<null> {
  if (ctx.project && ctx.sessionId) await ctx.project.sessions.end(ctx.sessionId);
  await ctx.streams.recheck();
  return null;
}

export async function sessionChangePassword(ctx: ServiceContext, arg: ValidatedArg<'session.changePassword'>): Promise<null> {
  const caller = requireCaller(ctx);
  const { db } = requireProject(ctx).connection;
  const stored = await passwordHashOf(db, caller.id);
  if (stored !== null && (arg.current === null || !(await verifyPassword(arg.current, stored)))) {
    throw new ApiError('invalid_argument', 'The current password is not right.', [{ path: 'current', message: 'not the current password' }]);
  }
  const passwordHash = await hashPassword(arg.next);
  await inTransaction(db, async (trx) => {
    await updateLabeler(trx, caller.id, { passwordHash });
    // Every other session of the account ends: a password change is how one locks out a stolen session.
    await deleteSessionsOf(trx, caller.id, ctx.sessionId);
  });
  await ctx.streams.recheck();
  return null;
}

function view(ctx: ServiceContext, session: LiveSession): SessionView {
  return {
    account: session.account,
    mediaTicket: mediaTicket(requireProject(ctx).ticketKey, session.publicId),
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
}

async function checkPassword(ctx: ServiceContext, name: string, password: string): Promise<Labeler> {
  const { db } = requireProject(ctx).connection;
  const now = ctx.now();
  const keys: ThrottleKey[] = [{ kind: 'account', name }];
  if (ctx.credentials.address) keys.push({ kind: 'address', address: ctx.credentials.address });
  const failures = ctx.options.signInFailures ?? projectFailureStore(db);
  await refuseIfLocked(failures, keys, now);
  const found = await findCredentials(db, name);
  const matches = found?.passwordHash ? await verifyPassword(password, found.passwordHash) : (await spendVerificationTime(password), false);
  // One answer for an unknown name, a wrong password and a disabled account: nothing to probe.
  if (!found || !matches || found.labeler.disabled) {
    await recordFailure(failures, keys, now);
    throw new ApiError('unauthenticated', 'That name and password do not match an active account.');
  }
  await recordSuccess(failures, keys);
  return found.labeler;
}

async function ownerAccount(ctx: ServiceContext): Promise<Labeler> {
  if (!ctx.credentials.owner)
    throw new ApiError('forbidden', 'Only the person who started Concord on this computer continues as its owner; sign in with a password.');
  const owner = await getOwner(requireProject(ctx).connection.db);
  if (!owner || owner.disabled) throw new ApiError('failed_precondition', "This project's owner account is disabled; sign in with a password.");
  return owner;
}

async function demoAccount(ctx: ServiceContext, labelerId: number): Promise<Labeler> {
  const project = requireProject(ctx);
  if (!ctx.credentials.owner || !project.demo)
    throw new ApiError('forbidden', 'Picking a person without a password is for demo projects, on the computer running Concord.');
  const account = await getLabeler(project.connection.db, labelerId);
  if (!account || account.disabled || account.owner || (await passwordHashOf(project.connection.db, labelerId)) !== null) {
    throw new ApiError('forbidden', 'That person signs in with a password.');
  }
  return account;
}
