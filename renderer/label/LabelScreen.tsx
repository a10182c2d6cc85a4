import { useCallback, useEffect } from 'react';
import type { ProjectSummary } from '../../shared/domain/project';
import { api } from '../api/api';
import { onHostAnswers } from '../api/host-answers';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { appLabelSessionHost } from './app-session-host';
import { labelerSource } from './label-source';
import { useLabelStore } from './label-store';
import { GuidelineChangeNotice } from './GuidelineChangeNotice';
import { QueuePanel } from './QueuePanel';
import { LabelerQualityNotes } from '../quality/CheckFeedbackView';
import { usePaintedOnce } from '../ui/after-paint';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { onDemand } from '../ui/on-demand';
import '../ui/side-layout.css';
import './label.css';

/**
 * The editors (canvas, audio, the guideline's Markdown) are most of this area's code: they load
 * once the queue is on screen, beside the first sample's data, so a labeler sees their queue
 * without waiting for them.
 */
const ProjectEditor = onDemand(() => import('../editors/ProjectEditor').then((m) => m.ProjectEditor));
const editorLoading = (
  <div className="area-loading" role="status">
    Loading the editor…
  </div>
);

/** The labeler's workplace: their queue, the editor for the project's kind, flags, tags and guideline. */
export function LabelScreen({ project }: { project: ProjectSummary }) {
  const labelerId = useProjectStore((s) => s.account?.id ?? null);
  const start = useLabelStore((s) => s.start);
  const stop = useLabelStore((s) => s.stop);
  const queueLength = useLabelStore((s) => s.queue.total);
  const queueLoaded = useLabelStore((s) => s.source !== null);
  const loadError = useLabelStore((s) => s.loadError);
  // The notices and the editor start requests (and the editor's code) of their own: after the queue is painted.
  const queuePainted = usePaintedOnce(queueLength > 0);
  const refreshProject = useProjectStore((s) => s.refresh);
  // A new version may send samples back: reload the queue (after saving) and the version shown on top.
  const onGuidelineChanged = useCallback(() => {
    if (labelerId === null) return;
    void refreshProject();
    void useLabelStore
      .getState()
      .flush()
      .then(() => start(labelerSource(labelerId, project.dir, project.readOnly), project.kind))
      .catch(reportError);
  }, [labelerId, project.dir, project.kind, project.readOnly, refreshProject, start]);

  // An empty queue looks again when samples arrive or are shared out (here, or on another server of the team).
  const onQueuesChanged = useCallback(() => {
    if (labelerId === null) return;
    start(labelerSource(labelerId, project.dir, project.readOnly), project.kind).catch(reportError);
  }, [labelerId, project.dir, project.kind, project.readOnly, start]);

  // One label session per project and labeler: a change of either closes it (after saving) and starts the next.
  useEffect(() => {
    if (labelerId === null) return;
    start(labelerSource(labelerId, project.dir, project.readOnly), project.kind).catch(reportError);
    const flushOnLeave = () => void useLabelStore.getState().flush().catch(reportError);
    window.addEventListener('pagehide', flushOnLeave);
    const stopHearing = onHostAnswers(() => useLabelStore.getState().hostAnswers());
    return () => {
      stopHearing();
      window.removeEventListener('pagehide', flushOnLeave);
      stop().catch(reportError);
    };
  }, [project.dir, labelerId, project.kind, project.readOnly, start, stop]);

  if (labelerId === null) {
    return <div className="empty">Choose who you are (“Working as”, top right) to open your queue.</div>;
  }
  if (queueLength === 0) {
    return queueLoaded ? <EmptyQueue onQueuesChanged={onQueuesChanged} /> : <div className="empty">Loading your queue…</div>;
  }
  return (
    <div className="side-layout label-screen">
      {queuePainted && <GuidelineChangeNotice labelerId={labelerId} onChanged={onGuidelineChanged} />}
      {queuePainted && <LabelerQualityNotes labelerId={labelerId} />}
      <QueuePanel />
      {!queuePainted ? (
        editorLoading
      ) : loadError ? (
        <div className="empty">This sample could not be opened: {loadError}</div>
      ) : (
        <ErrorBoundary resetKey="label-editor">
          <ProjectEditor project={project} host={appLabelSessionHost} loading={editorLoading} />
        </ErrorBoundary>
      )}
    </div>
  );
}

/** Said once the queue has been read and holds nothing; looks again whenever queues change while shown. */
function EmptyQueue({ onQueuesChanged }: { onQueuesChanged(): void }) {
  useEffect(() => api.on('queues.changed', onQueuesChanged), [onQueuesChanged]);
  return (
    <div className="empty" data-testid="empty-queue">
      Nothing to label yet. Your queue fills as soon as samples are imported and given to you.
    </div>
  );
}
