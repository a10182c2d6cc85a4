import { useState, type FormEvent } from 'react';
import { ApiError } from '../../shared/api/errors';
import { reportError } from '../stores/notices';
import { useProjectStore } from '../stores/project-store';
import { FolderField } from '../ui/FolderField';
import { DamagedProject } from './DamagedProject';
import { DemoChoice } from './DemoChoice';
import { NewProjectForm } from './NewProjectForm';
import { ProjectInUse, type InUse } from './ProjectInUse';
import { RecentProjects } from './RecentProjects';
import { ServerWindowForm } from './ServerWindowForm';
import './start.css';
// A few hundred bytes: the build writes it into the code as a data: address, so it costs no request.
import concordLogo from '../ui/concord-logo.svg';

/**
 * The first screen: what Concord is, the two demos side by side, then reopening a recent
 * project, opening one by folder or creating one, and (in the desktop app) a team server.
 */
export function StartScreen() {
  const open = useProjectStore((s) => s.open);
  const openDemo = useProjectStore((s) => s.openDemo);
  const restoreBackup = useProjectStore((s) => s.restoreBackup);
  const [dir, setDir] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [inUse, setInUse] = useState<InUse | null>(null);
  // Kept in the store: a project the host closes after its integrity check failed lands here with it.
  const damaged = useProjectStore((s) => s.damaged);
  const setDamaged = useProjectStore((s) => s.setDamaged);

  const run = async (what: string, action: () => Promise<void>) => {
    setBusy(what);
    try {
      await action();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
    }
  };

  /**
   * Opens a project; one open in another app is offered read-only, and a damaged one its
   * latest backup, instead of being reported as a failure.
   */
  const openProject = (what: string, projectDir: string) =>
    run(what, async () => {
      setInUse(null);
      setDamaged(null);
      try {
        await open(projectDir);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'in_use') setInUse({ dir: projectDir, message: error.message });
        else if (error instanceof ApiError && error.code === 'damaged') setDamaged({ dir: projectDir, message: error.message });
        else throw error;
      }
    });

  const submitOpen = (event: FormEvent) => {
    event.preventDefault();
    void openProject('open', dir.trim());
  };

  return (
    <main className="start">
      <header className="start-header">
        <img src={concordLogo} alt="" width={40} height={40} />
        <div>
          <h1>Concord</h1>
          <p className="start-pitch">
            Concord helps a team label images and audio consistently. It measures how far labelers agree, shows where they disagree, and tells you whether a
            revised guideline made the labels more consistent.
          </p>
        </div>
      </header>
      <DemoChoice busy={busy !== null} onOpen={(kind) => void run('demo', () => openDemo(kind))} />
      <div className="start-columns">
        <section className="start-column">
          {inUse && (
            <ProjectInUse
              inUse={inUse}
              busy={busy !== null}
              onCancel={() => setInUse(null)}
              onReadOnly={() => void run('read-only', () => open(inUse.dir, { readOnly: true }).then(() => setInUse(null)))}
            />
          )}
          {damaged && (
            <DamagedProject
              damaged={damaged}
              busy={busy !== null}
              onCancel={() => setDamaged(null)}
              onRestore={() => void run('restore', () => restoreBackup(damaged.dir).then(() => setDamaged(null)))}
            />
          )}
          <RecentProjects onOpen={(d) => void openProject('recent', d)} />
          <form className="card" onSubmit={submitOpen} aria-labelledby="open-project-title">
            <h2 id="open-project-title">Open a project</h2>
            <FolderField id="open-dir" label="Project folder" value={dir} onChange={setDir} placeholder="Folder containing concord.db" />
            <button type="submit" disabled={busy !== null || !dir.trim()}>
              Open
            </button>
          </form>
          <ServerWindowForm />
        </section>
        <section className="start-column">
          <NewProjectForm />
        </section>
      </div>
    </main>
  );
}
