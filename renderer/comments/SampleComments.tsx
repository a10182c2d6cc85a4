import { useState, type KeyboardEvent, type ReactNode } from 'react';
import type { CommentThread } from '../../shared/domain/comment';
import { isOpenQuestion } from '../../shared/domain/comment';
import { api } from '../api/api';
import { useQuery } from '../api/use-query';
import { roleName } from '../account/role-names';
import { ActionError, useActionError } from '../ui/ActionError';
import { QueryError } from '../ui/QueryError';
import './comments.css';

/** The id of the box where a new comment is written: the editor's Shift+Q puts the cursor there. */
export const NEW_COMMENT_INPUT_ID = 'new-sample-comment';

/** Puts the cursor in the sample's new-comment box (the editors' "ask a question" key). */
export function focusNewComment(): void {
  document.getElementById(NEW_COMMENT_INPUT_ID)?.focus();
}

/**
 * The comment threads on one sample, as the back end lets this person read them (a labeler
 * sees no other labeler's words), kept live by `comments.changed`: write a question or a
 * note, reply, resolve or reopen a question. Ctrl+Enter in a box posts it. Reads no store, so
 * an editor's side panel and Review host it alike (`readOnly` from the host).
 * @example <SampleComments sampleId={sample.id} readOnly={false} />
 */
export function SampleComments({ sampleId, readOnly }: { sampleId: number; readOnly: boolean }) {
  const { data: threads, error, refresh } = useQuery('comments.list', { sampleId }, { refreshOn: ['comments.changed'] });
  const open = threads?.filter(isOpenQuestion).length ?? 0;
  return (
    <section className="sample-comments" aria-label="Comments" data-threads={threads?.length ?? ''} data-open-questions={threads ? open : ''}>
      <h3>Comments{open > 0 && <span className="open-count"> · {open} open</span>}</h3>
      <QueryError error={error} what="read the comments" onRetry={() => void refresh()} />
      {threads?.length === 0 && <p className="hint">No comments yet. Unsure what the guideline means here? Ask.</p>}
      {threads?.map((thread) => (
        <Thread key={thread.id} thread={thread} disabled={readOnly} onChanged={refresh} />
      ))}
      {!readOnly && <NewThread sampleId={sampleId} onPosted={refresh} />}
    </section>
  );
}

function Thread({ thread, disabled, onChanged }: { thread: CommentThread; disabled: boolean; onChanged(): Promise<void> }) {
  const [replying, setReplying] = useState(false);
  const failure = useActionError();
  const opener = thread.comments[0]!;
  const resolve = (resolved: boolean) =>
    failure.run(async () => {
      await api.call('comments.resolve', { threadId: thread.id, resolved });
      await onChanged();
    });
  return (
    <article
      className={`comment-thread ${isOpenQuestion(thread) ? 'open-question' : ''}`}
      data-thread-id={thread.id}
      data-resolved={thread.resolved !== null}
      aria-label={`${thread.question ? 'Question' : 'Comment'} by ${opener.authorName}`}
    >
      <ol className="comment-list">
        {thread.comments.map((comment) => (
          <li key={comment.id} className="comment" data-comment-id={comment.id}>
            <div className="comment-meta">
              <strong>{comment.authorName}</strong>
              {comment.authorRole !== 'labeler' && <span className="badge">{roleName(comment.authorRole)}</span>}
              <time dateTime={comment.at} className="muted">
                {new Date(comment.at).toLocaleString()}
              </time>
            </div>
            <p className="comment-body">{comment.body}</p>
          </li>
        ))}
      </ol>
      <div className="thread-actions">
        {thread.question && (
          <span className={thread.resolved ? 'muted' : 'question-open'}>{thread.resolved ? `Resolved by ${thread.resolved.by}` : 'Open question'}</span>
        )}
        {!disabled && !replying && (
          <button type="button" className="link" onClick={() => setReplying(true)}>
            Reply
          </button>
        )}
        {!disabled && thread.mayResolve && (
          <button type="button" className="link" onClick={() => void resolve(thread.resolved === null)}>
            {thread.resolved ? 'Reopen' : 'Resolve'}
          </button>
        )}
      </div>
      <ActionError error={failure.error} onDismiss={failure.clear} />
      {replying && (
        <CommentBox
          label={`Reply to ${opener.authorName}`}
          action="Reply"
          autoFocus
          onCancel={() => setReplying(false)}
          onPost={async (body) => {
            await api.call('comments.post', { sampleId: thread.sampleId, threadId: thread.id, body });
            setReplying(false);
            await onChanged();
          }}
        />
      )}
    </article>
  );
}

function NewThread({ sampleId, onPosted }: { sampleId: number; onPosted(): Promise<void> }) {
  const [question, setQuestion] = useState(true);
  return (
    <div className="new-thread">
      <CommentBox
        id={NEW_COMMENT_INPUT_ID}
        label="New comment on this sample"
        placeholder="Ask about the guideline here (Shift+Q; Ctrl+Enter posts)"
        action={question ? 'Ask' : 'Comment'}
        onPost={async (body) => {
          await api.call('comments.post', { sampleId, body, question });
          await onPosted();
        }}
      >
        <label className="checkbox">
          <input type="checkbox" checked={question} onChange={(e) => setQuestion(e.target.checked)} /> A question to be answered
        </label>
      </CommentBox>
    </div>
  );
}

interface CommentBoxProps {
  id?: string;
  label: string;
  placeholder?: string;
  action: string;
  autoFocus?: boolean;
  onPost(body: string): Promise<void>;
  onCancel?(): void;
  children?: ReactNode;
}

/** A text box that posts with its button or Ctrl+Enter (not the editor's submit), keeps its text if posting fails, and says why. */
function CommentBox({ id, label, placeholder, action, autoFocus, onPost, onCancel, children }: CommentBoxProps) {
  const [body, setBody] = useState('');
  const [posting, setPosting] = useState(false);
  const failure = useActionError();
  const post = () =>
    failure.run(async () => {
      if (body.trim() === '') throw new Error('Write something first.');
      setPosting(true);
      try {
        await onPost(body);
        setBody('');
      } finally {
        setPosting(false);
      }
    });
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // The editors submit the sample on Ctrl+Enter even while typing; here it posts the comment instead.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void post();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };
  return (
    <div className="comment-box">
      <textarea
        id={id}
        aria-label={label}
        placeholder={placeholder}
        rows={2}
        value={body}
        autoFocus={autoFocus}
        onChange={(e) => {
          setBody(e.target.value);
          failure.clear();
        }}
        onKeyDown={onKeyDown}
      />
      {children}
      <div className="comment-box-actions">
        <button type="button" disabled={posting} onClick={() => void post()}>
          {action}
        </button>
        {onCancel && (
          <button type="button" className="link" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ActionError error={failure.error} onDismiss={failure.clear} />
    </div>
  );
}
