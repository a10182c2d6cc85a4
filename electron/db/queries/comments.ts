import type { Kysely } from 'kysely';
import type { LabelerRole } from '../../../shared/domain/labeler';
import type { Database } from '../schema';

/** A comment as stored, with its author's and resolver's names read from their accounts. */
export interface CommentRow {
  id: number;
  sampleId: number;
  /** null for the comment that opens a thread. */
  threadId: number | null;
  authorId: number;
  authorName: string;
  authorRole: LabelerRole;
  body: string;
  question: boolean;
  createdAt: number;
  resolvedAt: number | null;
  resolvedByName: string | null;
}

function commentRows(db: Kysely<Database>) {
  return db
    .selectFrom('sample_comment as c')
    .innerJoin('labeler as author', 'author.id', 'c.author_id')
    .leftJoin('labeler as resolver', 'resolver.id', 'c.resolved_by')
    .select([
      'c.id',
      'c.sample_id',
      'c.thread_id',
      'c.author_id',
      'author.name as author_name',
      'c.author_role',
      'c.body',
      'c.question',
      'c.created_at',
      'c.resolved_at',
      'resolver.name as resolver_name',
    ]);
}

type SelectedComment = Awaited<ReturnType<ReturnType<typeof commentRows>['execute']>>[number];

function fromRow(row: SelectedComment): CommentRow {
  return {
    id: row.id,
    sampleId: row.sample_id,
    threadId: row.thread_id,
    authorId: row.author_id,
    authorName: row.author_name,
    authorRole: row.author_role,
    body: row.body,
    question: Number(row.question) === 1,
    createdAt: Number(row.created_at),
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
    resolvedByName: row.resolver_name,
  };
}

/** Every comment on a sample, oldest first (threads and their replies mixed; group by `threadId`). */
export async function listSampleComments(db: Kysely<Database>, sampleId: number): Promise<CommentRow[]> {
  const rows = await commentRows(db).where('c.sample_id', '=', sampleId).orderBy('c.id').execute();
  return rows.map(fromRow);
}

/** One comment, or null. */
export async function findComment(db: Kysely<Database>, id: number): Promise<CommentRow | null> {
  const row = await commentRows(db).where('c.id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : null;
}

/** Stores a comment (a thread's first when `threadId` is null); returns its id. */
export async function insertComment(
  db: Kysely<Database>,
  comment: { sampleId: number; threadId: number | null; authorId: number; authorRole: LabelerRole; body: string; question: boolean; at: number },
): Promise<number> {
  const row = await db
    .insertInto('sample_comment')
    .values({
      sample_id: comment.sampleId,
      thread_id: comment.threadId,
      author_id: comment.authorId,
      author_role: comment.authorRole,
      body: comment.body,
      question: comment.question ? 1 : 0,
      created_at: comment.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks a thread resolved (by whom, when) or open again (`resolution` null). */
export async function setThreadResolution(db: Kysely<Database>, threadId: number, resolution: { at: number; by: number } | null): Promise<void> {
  await db
    .updateTable('sample_comment')
    .set({ resolved_at: resolution?.at ?? null, resolved_by: resolution?.by ?? null })
    .where('id', '=', threadId)
    .where('thread_id', 'is', null)
    .execute();
}

/** Questions not yet resolved, oldest first, with their sample's name and how many replies each has. */
export async function listOpenQuestions(db: Kysely<Database>): Promise<Array<{ thread: CommentRow; sampleName: string; replies: number }>> {
  const rows = await commentRows(db)
    .innerJoin('sample', 'sample.id', 'c.sample_id')
    .select((eb) => [
      'sample.display_name as sample_name',
      eb
        .selectFrom('sample_comment as reply')
        .whereRef('reply.thread_id', '=', 'c.id')
        .select((r) => r.fn.countAll<number | string>().as('n'))
        .as('replies'),
    ])
    .where('c.thread_id', 'is', null)
    .where('c.question', '=', 1)
    .where('c.resolved_at', 'is', null)
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({ thread: fromRow(row), sampleName: row.sample_name, replies: Number(row.replies ?? 0) }));
}
