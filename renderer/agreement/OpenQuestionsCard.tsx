import { useQuery } from '../api/use-query';
import { openInReview } from '../review/open-in-review';
import { QueryError } from '../ui/QueryError';
import { countOf } from '../../shared/text/plural';

/** Longest question text shown in the list; the whole thread is in Review. */
const EXCERPT = 140;

/**
 * Questions labelers (or anyone) asked on samples and nobody has resolved yet: how many, and
 * each one's sample, which opens in Review where the thread can be answered and resolved.
 * Follows new questions and resolutions live.
 */
export function OpenQuestionsCard() {
  const { data: questions, error, refresh } = useQuery('comments.openQuestions', undefined, { refreshOn: ['comments.changed'] });
  return (
    <div className="card open-questions" data-testid="open-questions" data-count={questions?.length ?? ''}>
      <h2>Open questions</h2>
      <QueryError error={error} what="read the open questions" onRetry={() => void refresh()} />
      {questions && (
        <p className="muted">
          {questions.length === 0 ? 'No question is waiting for an answer.' : `${countOf(questions.length, 'question')} waiting for an answer.`}
        </p>
      )}
      {questions && questions.length > 0 && (
        <ol aria-label="Open questions">
          {questions.map((q) => (
            <li key={q.threadId}>
              <button type="button" className="link" onClick={() => openInReview(q.sampleId)}>
                {q.sampleName}
              </button>{' '}
              <span className="muted">
                {q.askedBy}
                {q.replies > 0 && ` · ${countOf(q.replies, 'reply', 'replies')}`}
              </span>
              <div className="open-question-text">{q.body.length > EXCERPT ? `${q.body.slice(0, EXCERPT)}…` : q.body}</div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
