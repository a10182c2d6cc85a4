import { ApiError } from '../../shared/api/errors';
import { plainError } from '../api/plain-error';
import type { QueryFailure } from '../api/query-state';

/**
 * A failed load, said where the data would have been: what could not be done and the
 * host's reason, with a way to try again. Nothing is shown once the failure has cleared.
 */
export function QueryError({ error, what, onRetry }: { error: QueryFailure | null; what: string; onRetry?(): void }) {
  if (!error) return null;
  return (
    <p className="error-text" role="alert" data-error-code={error.code}>
      Could not {what}: {plainError(new ApiError(error.code, error.message))}
      {onRetry && (
        <>
          {' '}
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </>
      )}
    </p>
  );
}
