import { useQuery } from '../api/use-query';
import { QueryError } from '../ui/QueryError';
import './account.css';

/** Who did what and when: decisions, publications, plans, dataset versions, exports, accounts. Newest first. */
export function AuditLog() {
  const { data: page, error, refresh } = useQuery('audit.list', { limit: 200 });
  return (
    <section className="card audit-log" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {!page ? (
        error ? (
          <QueryError error={error} what="read the audit log" onRetry={() => void refresh()} />
        ) : (
          <p className="muted">Loading…</p>
        )
      ) : page.entries.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <table aria-label="Audit log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>On</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody>
            {page.entries.map((entry) => (
              <tr key={entry.id}>
                <td>{new Date(entry.at).toLocaleString()}</td>
                <td>{entry.actor}</td>
                <td>{entry.action}</td>
                <td>{entry.subject}</td>
                <td className="muted">
                  {Object.entries(entry.details)
                    .map(([k, v]) => `${k}: ${String(v)}`)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.total > page.entries.length && (
        <p className="muted">
          Showing the newest {page.entries.length} of {page.total}.
        </p>
      )}
    </section>
  );
}
