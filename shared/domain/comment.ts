import { z } from 'zod';
import type { LabelerRole } from './labeler';

/** What one comment may say: trimmed, not empty, a few paragraphs at most. */
export const commentBodySchema = z.string().trim().min(1, 'write something first').max(4000, 'must be at most 4000 characters');

/** One comment in a thread on a sample. */
export interface SampleComment {
  id: number;
  authorId: number;
  authorName: string;
  /** The author's role when writing (an SME's answer reads as one). */
  authorRole: LabelerRole;
  body: string;
  at: string;
}

/**
 * A thread on a sample: its first comment and the replies, oldest first. A question is open
 * until someone resolves it (an SME or admin, or whoever asked).
 */
export interface CommentThread {
  id: number;
  sampleId: number;
  question: boolean;
  resolved: { at: string; by: string } | null;
  /** Whether the person reading may resolve or reopen it (a question, and they are an SME, an admin or its asker). */
  mayResolve: boolean;
  comments: SampleComment[];
}

/** A question nobody has resolved yet, as the agreement dashboard lists it. */
export interface OpenQuestion {
  threadId: number;
  sampleId: number;
  sampleName: string;
  askedBy: string;
  body: string;
  at: string;
  replies: number;
}

/**
 * Whether a thread is a question still waiting for its answer.
 * @example isOpenQuestion({ question: true, resolved: null, ... }) // true
 */
export function isOpenQuestion(thread: Pick<CommentThread, 'question' | 'resolved'>): boolean {
  return thread.question && thread.resolved === null;
}
