import { percent } from '../../shared/agreement';
import type { TrainingRun } from '../../shared/domain/training';
import { countOf } from '../../shared/text/plural';
import type { QueryFailure } from '../api/query-state';
import { QueryError } from '../ui/QueryError';

/**
 * The runs kept with a dataset version, newest first: they outlive the screen, so a run
 * finished before leaving Train is still here on return.
 */
export function FinishedRuns({
  version,
  runs,
  error,
  onRetry,
}: {
  version: number;
  runs: TrainingRun[] | undefined;
  error: QueryFailure | null;
  onRetry(): void;
}) {
  if (!runs || runs.length === 0) return <QueryError error={error} what="read the finished runs" onRetry={onRetry} />;
  const newestFirst = [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  return (
    <section className="card" aria-label="Finished runs">
      <h2>Finished runs on v{version}</h2>
      <QueryError error={error} what="read the finished runs" onRetry={onRetry} />
      <div className="table-scroll">
        <table className="figures" aria-label="Finished runs">
          <thead>
            <tr>
              <th>finished</th>
              <th>model of</th>
              <th>epochs</th>
              <th>dev accuracy</th>
              <th>test accuracy</th>
              <th>backend</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((run) => (
              <tr key={run.id} data-run-id={run.id}>
                <th scope="row">{new Date(run.createdAt).toLocaleString()}</th>
                <td>{inputName(run)}</td>
                <td>{run.epochs.length}</td>
                <td>{evaluationText(run.evaluation.dev)}</td>
                <td>{evaluationText(run.evaluation.test)}</td>
                <td>{run.backend}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function inputName(run: TrainingRun): string {
  if (run.input.kind === 'crops') return 'box crops';
  return run.input.target.kind === 'tag' ? `the tag “${run.input.target.tag}”` : 'the transcript';
}

function evaluationText({ accuracy, examples }: TrainingRun['evaluation']['dev']): string {
  return examples === 0 ? '—' : `${percent(accuracy)} over ${countOf(examples, 'example')}`;
}
