import { useEffect, useState } from 'react';
import type { AuditPage } from '../../shared/domain/audit';
import { api } from '../api/api';
import { reportError } from '../stores/notices';
import './account.css';

/** Who did what and when: decisions, publications, plans, dataset versions, exports, accounts. Newest first. */
export function AuditLog() {
  const [page, setPage] = useState<AuditPage | null>(null);
  useEffect(() => {
    let current = true;
    api.call('audit.list', { limit: 200 }).then((p) => current && setPage(p), reportError);
    return () => {
      current = false;
    };
  }, []);
  return (
    <section className="card audit-log" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {page === null ? (
        <p className="muted">Loading…</p>
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
