import type { ValidatedArg } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { CommentThread, OpenQuestion } from '../../shared/domain/comment';
import type { Labeler } from '../../shared/domain/labeler';
import { findComment, insertComment, listOpenQuestions, listSampleComments, setThreadResolution, type CommentRow } from '../db/queries/comments';
import { getSample } from '../db/queries/samples';
import { inTransaction } from '../db/transaction';
import { requireCaller, requireProject, type ServiceContext } from './hosting/context';

/** The threads on a sample that the caller may read (see `asSeenBy`), oldest first. */
export async function commentsList(ctx: ServiceContext, arg: ValidatedArg<'comments.list'>): Promise<CommentThread[]> {
  const db = requireProject(ctx).connection.db;
  const caller = requireCaller(ctx);
  if (!(await getSample(db, arg.sampleId))) throw unknownSample(arg.sampleId);
  return asSeenBy(caller, threadsOf(await listSampleComments(db, arg.sampleId)));
}

/** Opens a thread on a sample (a question unless said otherwise), or replies in one the caller may read. */
export async function commentsPost(ctx: ServiceContext, arg: ValidatedArg<'comments.post'>): Promise<CommentThread> {
  const db = requireProject(ctx).connection.db;
  const caller = requireCaller(ctx);
  const threadId = await inTransaction(db, async (trx) => {
    if (!(await getSample(trx, arg.sampleId))) throw unknownSample(arg.sampleId);
    if (arg.threadId !== null) {
      const thread = await findComment(trx, arg.threadId);
      if (!thread || thread.threadId !== null || thread.sampleId !== arg.sampleId || !mayRead(caller, thread)) throw unknownThread(arg.threadId);
    }
    const id = await insertComment(trx, {
      sampleId: arg.sampleId,
      threadId: arg.threadId,
      authorId: caller.id,
      authorRole: caller.role,
      body: arg.body,
      question: arg.threadId === null && arg.question,
      at: ctx.now(),
    });
    return arg.threadId ?? id;
  });
  ctx.events.emit('comments.changed', { sampleId: arg.sampleId });
  return readThread(ctx, threadId);
}

/** Marks a question resolved, or open again: for SMEs and admins, and for whoever opened the thread. */
export async function commentsResolve(ctx: ServiceContext, arg: ValidatedArg<'comments.resolve'>): Promise<CommentThread> {
  const db = requireProject(ctx).connection.db;
  const caller = requireCaller(ctx);
  const sampleId = await inTransaction(db, async (trx) => {
    const thread = await findComment(trx, arg.threadId);
    if (!thread || thread.threadId !== null || !mayRead(caller, thread)) throw unknownThread(arg.threadId);
    if (!mayResolve(caller, thread)) {
      throw new ApiError('forbidden', 'Only an SME, an admin or whoever asked can resolve this question.');
    }
    await setThreadResolution(trx, thread.id, arg.resolved ? { at: ctx.now(), by: caller.id } : null);
    return thread.sampleId;
  });
  ctx.events.emit('comments.changed', { sampleId });
  return readThread(ctx, arg.threadId);
}

/** Questions nobody has resolved yet, across the project, oldest first (for the agreement dashboard). */
export async function commentsOpenQuestions(ctx: ServiceContext): Promise<OpenQuestion[]> {
  const rows = await listOpenQuestions(requireProject(ctx).connection.db);
  return rows.map(({ thread, sampleName, replies }) => ({
    threadId: thread.id,
    sampleId: thread.sampleId,
    sampleName,
    askedBy: thread.authorName,
    body: thread.body,
    at: new Date(thread.createdAt).toISOString(),
    replies,
  }));
}

/**
 * Labelers work blind, and a comment can carry an answer ("I boxed it as a cup"). So a labeler
 * reads the threads they opened and those an SME, engineer or admin opened, and in them only
 * their own comments and the coordinators' — never another labeler's words, not even after
 * submitting, since a submitted answer can still be changed until review. Everyone else reads
 * every thread whole.
 */
function asSeenBy(viewer: Labeler, all: CommentThread[]): CommentThread[] {
  const threads = all.map((thread) => ({ ...thread, mayResolve: thread.question && mayResolve(viewer, thread.comments[0]!) }));
  if (viewer.role !== 'labeler') return threads;
  return threads
    .filter((thread) => mayRead(viewer, { authorId: thread.comments[0]!.authorId, authorRole: thread.comments[0]!.authorRole }))
    .map((thread) => ({ ...thread, comments: thread.comments.filter((comment) => mayRead(viewer, comment)) }));
}

function mayResolve(viewer: Labeler, opener: Pick<CommentRow, 'authorId'>): boolean {
  return viewer.role === 'sme' || viewer.role === 'admin' || viewer.id === opener.authorId;
}

function mayRead(viewer: Labeler, comment: Pick<CommentRow, 'authorId' | 'authorRole'>): boolean {
  return viewer.role !== 'labeler' || comment.authorRole !== 'labeler' || comment.authorId === viewer.id;
}

async function readThread(ctx: ServiceContext, threadId: number): Promise<CommentThread> {
  const db = requireProject(ctx).connection.db;
  const opening = await findComment(db, threadId);
  if (!opening) throw unknownThread(threadId);
  const thread = threadsOf(await listSampleComments(db, opening.sampleId)).find((t) => t.id === threadId)!;
  return asSeenBy(requireCaller(ctx), [thread])[0]!;
}

/** Groups a sample's comments (oldest first) into threads, each with its replies in order. */
function threadsOf(rows: readonly CommentRow[]): CommentThread[] {
  const threads = new Map<number, CommentThread>();
  for (const row of rows) {
    const comment = { id: row.id, authorId: row.authorId, authorName: row.authorName, authorRole: row.authorRole, body: row.body, at: iso(row.createdAt) };
    if (row.threadId === null) {
      threads.set(row.id, {
        id: row.id,
        sampleId: row.sampleId,
        question: row.question,
        resolved: row.resolvedAt === null ? null : { at: iso(row.resolvedAt), by: row.resolvedByName ?? 'someone' },
        mayResolve: false,
        comments: [comment],
      });
    } else {
      threads.get(row.threadId)?.comments.push(comment);
    }
  }
  return [...threads.values()];
}

const iso = (ms: number) => new Date(ms).toISOString();

function unknownSample(sampleId: number): ApiError {
  return new ApiError('not_found', `No sample ${sampleId} in this project.`, [{ path: 'sampleId', message: 'unknown sample' }]);
}

/** Also what a labeler hears of a thread they may not read: that it exists is not theirs to learn either. */
function unknownThread(threadId: number): ApiError {
  return new ApiError('not_found', `No comment thread ${threadId} here.`, [{ path: 'threadId', message: 'unknown thread' }]);
}
