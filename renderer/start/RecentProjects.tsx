import { useProjectStore } from '../stores/project-store';
import { KindBadge } from '../ui/KindBadge';

export function RecentProjects({ onOpen }: { onOpen(dir: string): void }) {
  const recent = useProjectStore((s) => s.recent);
  return (
    <div className="card">
      <h2>Recent projects</h2>
      {recent.length === 0 ? (
        <p className="hint">No projects opened yet.</p>
      ) : (
        <ul className="recent-list">
          {recent.map((r) => (
            <li key={r.dir}>
              <button
                type="button"
                className="recent-item"
                disabled={!r.available}
                onClick={() => onOpen(r.dir)}
                title={r.available ? r.dir : `${r.dir} (missing)`}
              >
                <span className="recent-name">
                  {r.name} <KindBadge kind={r.kind} />
                </span>
                <span className="recent-path">{r.available ? r.dir : `Missing: ${r.dir}`}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
