import { useEffect, useState } from 'react';
import { mayCall } from '../../shared/api/access';
import type { ProjectSummary } from '../../shared/domain/project';
import { AccountMenu } from '../account/AccountMenu';
import { api } from '../api/api';
import { reportError, useNoticePlace } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { KindBadge } from '../ui/KindBadge';
import { areasFor, areaToShow, type Area, type AreaId } from './areas';
import { GuidedPath } from './GuidedPath';
import './shell.css';
// A few hundred bytes: the build writes it into the code as a data: address, so it costs no request.
import concordLogo from '../ui/concord-logo.svg';

function useArea(available: readonly Area[]): Area {
  const read = (): AreaId => window.location.hash.slice(1) as AreaId;
  const [wanted, setWanted] = useState<AreaId>(read);
  useEffect(() => {
    const onHash = () => setWanted(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return areaToShow(available, wanted);
}

export function Shell({ project }: { project: ProjectSummary }) {
  const close = useProjectStore((s) => s.close);
  const account = useProjectStore((s) => s.account);
  const role = account?.role;
  const demo = useProjectStore((s) => s.signIn?.project?.demo ?? false);
  const owner = useProjectStore((s) => s.signIn?.owner ?? false);
  const areas = areasFor(role);
  const area = useArea(areas);
  const accountId = useProjectStore((s) => s.account?.id);
  const refreshProject = useProjectStore((s) => s.refresh);
  // Classes and tags changed in another tab (an SME's Classes & tags screen): every open screen,
  // a labeler's palette included, shows the change without a reload.
  useEffect(() => api.on('taxonomy.changed', () => void refreshProject().catch(reportError)), [refreshProject]);
  // A project opened before its integrity check ended is closed by the host if the check fails: back to the start screen, which says why.
  const closedAsDamaged = useProjectStore((s) => s.closedAsDamaged);
  useEffect(() => api.on('project.changed', ({ damaged }) => void (damaged && closedAsDamaged(damaged).catch(reportError))), [closedAsDamaged]);
  // What was said on one screen, for one profile, stays there.
  useNoticePlace(`${project.dir} ${accountId} ${area.id}`);
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar-project">
          <img src={concordLogo} alt="" width={24} height={24} />
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
          <AccountMenu />
          {owner && (
            <button type="button" onClick={() => close().catch(reportError)}>
              Close project
            </button>
          )}
        </div>
      </header>
      <nav className="sidebar" aria-label="Areas">
        {/* A pointer over an area (or focus on it) usually comes a moment before the click: its code is fetched then. */}
        {areas.map((a) => (
          <a
            key={a.id}
            href={`#${a.id}`}
            className={`nav-item ${a.id === area.id ? 'active' : ''}`}
            aria-current={a.id === area.id ? 'page' : undefined}
            onPointerEnter={a.preload}
            onFocus={a.preload}
          >
            {a.title}
          </a>
        ))}
        {demo && account && mayCall(role, 'agreement.project') && mayCall(role, 'review.queue') && (
          <GuidedPath projectDir={project.dir} myId={account.id} guidelineVersion={project.currentGuidelineVersion} />
        )}
        <div className="sidebar-footer muted" title={project.dir}>
          {project.dir}
        </div>
      </nav>
      <main className={`content ${area.fullWidth ? 'content-full' : ''}`}>
        <ErrorBoundary resetKey={area.id}>
          {/* An area's code loads the first time it is shown (see areas.tsx); the menu and top bar stay put meanwhile. */}
          {area.render(
            project,
            <div className="area-loading" role="status">
              Loading {area.title}…
            </div>,
          )}
        </ErrorBoundary>
      </main>
    </div>
  );
}
