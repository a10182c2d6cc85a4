import type { ProjectSummary } from '../../shared/domain/project';
import { SamplesScreen } from '../samples/SamplesScreen';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { KindBadge } from '../ui/KindBadge';
import { LabelerPicker } from './LabelerPicker';

/**
 * The areas of the app. Only areas that work are listed; Label, Agreement,
 * Disagreements, Guidelines, Datasets and Train & analyse join as they are built.
 */
const AREAS = [{ id: 'samples', title: 'Samples' }] as const;

export function Shell({ project }: { project: ProjectSummary }) {
  const close = useProjectStore((s) => s.close);
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar-project">
          <img src="./favicon.svg" alt="" width={24} height={24} />
          <strong className="project-name">{project.name}</strong>
          <KindBadge kind={project.kind} />
          <span className="muted" title="Every label records the guideline version it was made under">
            Guideline v{project.currentGuidelineVersion}
          </span>
        </div>
        <div className="topbar-actions">
          <LabelerPicker />
          <button type="button" onClick={() => close().catch(reportError)}>
            Close project
          </button>
        </div>
      </header>
      <nav className="sidebar" aria-label="Areas">
        {AREAS.map((area) => (
          <a key={area.id} href={`#${area.id}`} className="nav-item active" aria-current="page">
            {area.title}
          </a>
        ))}
        <div className="sidebar-footer muted" title={project.dir}>
          {project.dir}
        </div>
      </nav>
      <main className="content">
        <SamplesScreen project={project} />
      </main>
    </div>
  );
}
