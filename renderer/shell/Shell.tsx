import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../shared/domain/project';
import { AgreementScreen } from '../agreement/AgreementScreen';
import { DatasetsScreen } from '../datasets/DatasetsScreen';
import { GuidelinesScreen } from '../guidelines/GuidelinesScreen';
import { LabelScreen } from '../label/LabelScreen';
import { ReviewScreen } from '../review/ReviewScreen';
import { SamplesScreen } from '../samples/SamplesScreen';
import { TeamScreen } from '../team/TeamScreen';
import { TrainScreen } from '../train/TrainScreen';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { KindBadge } from '../ui/KindBadge';
import { LabelerPicker } from './LabelerPicker';

type AreaId = 'label' | 'review' | 'guidelines' | 'agreement' | 'datasets' | 'train' | 'samples' | 'team';

/**
 * The areas of the app, each listed only to those it is for.
 */
const AREAS: Array<{ id: AreaId; title: string; coordinatorsOnly?: boolean }> = [
  { id: 'label', title: 'Label' },
  // Labelers work blind: agreement shows what others labeled, so only SMEs and engineers see it.
  { id: 'agreement', title: 'Agreement', coordinatorsOnly: true },
  // Datasets hold everyone's final labels.
  { id: 'datasets', title: 'Datasets', coordinatorsOnly: true },
  { id: 'train', title: 'Train & analyse', coordinatorsOnly: true },
  { id: 'review', title: 'Review', coordinatorsOnly: true },
  { id: 'guidelines', title: 'Guidelines' },
  { id: 'samples', title: 'Samples' },
  { id: 'team', title: 'Team' },
];

function useArea(available: AreaId[]): AreaId {
  const read = (): AreaId => {
    const wanted = window.location.hash.slice(1) as AreaId;
    return available.includes(wanted) ? wanted : 'samples';
  };
  const [area, setArea] = useState<AreaId>(read);
  useEffect(() => {
    const onHash = () => setArea(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  });
  return available.includes(area) ? area : read();
}

export function Shell({ project }: { project: ProjectSummary }) {
  const close = useProjectStore((s) => s.close);
  const role = useProjectStore((s) => s.labelers.find((l) => l.id === s.currentLabelerId)?.role);
  const areas = AREAS.filter((a) => !a.coordinatorsOnly || (role !== undefined && role !== 'labeler'));
  const area = useArea(areas.map((a) => a.id));
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar-project">
          <img src="./favicon.svg" alt="" width={24} height={24} />
          <strong className="project-name">{project.name}</strong>
          <KindBadge kind={project.kind} />
          {project.readOnly && (
            <span className="badge badge-read-only" title="Open read-only: another app or server has this project open. Nothing you do here is saved.">
              Read-only
            </span>
          )}
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
        {areas.map((a) => (
          <a key={a.id} href={`#${a.id}`} className={`nav-item ${a.id === area ? 'active' : ''}`} aria-current={a.id === area ? 'page' : undefined}>
            {a.title}
          </a>
        ))}
        <div className="sidebar-footer muted" title={project.dir}>
          {project.dir}
        </div>
      </nav>
      <main className={`content ${area === 'label' || area === 'review' || area === 'guidelines' || area === 'datasets' ? 'content-full' : ''}`}>
        <ErrorBoundary resetKey={area}>
          {area === 'label' ? (
            <LabelScreen project={project} />
          ) : area === 'train' ? (
            <TrainScreen project={project} />
          ) : area === 'datasets' ? (
            <DatasetsScreen project={project} />
          ) : area === 'guidelines' ? (
            <GuidelinesScreen />
          ) : area === 'review' ? (
            <ReviewScreen project={project} />
          ) : area === 'agreement' ? (
            <AgreementScreen project={project} />
          ) : area === 'team' ? (
            <TeamScreen />
          ) : (
            <SamplesScreen project={project} />
          )}
        </ErrorBoundary>
      </main>
    </div>
  );
}
