import type { LabelerThroughput } from '../../shared/quality/throughput';
import { countOf } from '../../shared/text/plural';
import { useQuery } from '../api/use-query';
import { openInReview } from '../review/open-in-review';
import { QueryError } from '../ui/QueryError';

/** Slowest samples named per labeler: enough to find the hard ones without crowding the row. */
const SHOWN_SLOWEST = 3;

/**
 * Each labeler's pace beside their progress: samples submitted per day they worked and in their
 * latest week, and active time per sample (median and p90, with the slowest samples, which open
 * in Review: a slow sample is often a hard or unclear one).
 */
export function ThroughputTable({ names }: { names: ReadonlyMap<number, string> }) {
  const { data: rows, error, refresh } = useQuery('team.throughput', undefined, { refreshOn: ['agreement.changed'] });
  if (!rows) return error ? <QueryError error={error} what="read each labeler's pace" onRetry={() => void refresh()} /> : null;
  if (rows.length === 0) return null;
  return (
    <div className="card">
      <h2>Pace</h2>
      <QueryError error={error} what="bring the pace up to date" onRetry={() => void refresh()} />
      <table className="progress-table throughput-table" aria-label="Pace by labeler">
        <thead>
          <tr>
            <th>Labeler</th>
            <th>Submitted</th>
            <th>Per day worked</th>
            <th>Latest week</th>
            <th>Median time</th>
            <th>p90 time</th>
            <th>Slowest samples</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ThroughputRow key={row.labelerId} row={row} name={names.get(row.labelerId) ?? `#${row.labelerId}`} />
          ))}
        </tbody>
      </table>
      <p className="muted">Time is active time in the editor, summed over visits; labels imported from elsewhere count as submitted but not timed.</p>
    </div>
  );
}

function ThroughputRow({ row, name }: { row: LabelerThroughput; name: string }) {
  const latest = row.perWeek.at(-1);
  return (
    <tr data-labeler={row.labelerId}>
      <td>{name}</td>
      <td>{row.submitted}</td>
      <td>{row.perDay.length === 0 ? '–' : (row.submitted / row.perDay.length).toFixed(1)}</td>
      <td>{latest ? <span title={`week of ${latest.week}`}>{countOf(latest.samples, 'sample')}</span> : '–'}</td>
      <td data-testid="median-time">{row.medianMs === null ? 'not timed' : timeText(row.medianMs)}</td>
      <td>{row.p90Ms === null ? '–' : timeText(row.p90Ms)}</td>
      <td>
        {row.slowest.slice(0, SHOWN_SLOWEST).map((sample, index) => (
          <span key={sample.sampleId} className="slow-sample">
            {index > 0 && ', '}
            <button type="button" className="link" onClick={() => openInReview(sample.sampleId)}>
              #{sample.sampleId}
            </button>{' '}
            <span className="muted">{timeText(sample.timeSpentMs)}</span>
          </span>
        ))}
      </td>
    </tr>
  );
}

/** "42 s", "3:05" (minutes and seconds). */
function timeText(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
