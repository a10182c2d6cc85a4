import { useEffect } from 'react';
import { Shell } from './shell/Shell';
import { StartScreen } from './start/StartScreen';
import { reportError } from './stores/notices';
import { useProjectStore } from './stores/project-store';
import { Notices } from './ui/Notices';

/** Top level: the project chooser until a project is open, then the project's shell. */
export function App() {
  const phase = useProjectStore((s) => s.phase);
  const project = useProjectStore((s) => s.project);
  const load = useProjectStore((s) => s.load);

  useEffect(() => {
    load().catch(reportError);
  }, [load]);

  return (
    <>
      {phase === 'loading' ? <div className="splash">Loading Concord…</div> : project ? <Shell project={project} /> : <StartScreen />}
      <Notices />
    </>
  );
}
