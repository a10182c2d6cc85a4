import { SignInScreen } from './account/SignInScreen';
import { Shell } from './shell/Shell';
import { inDesktopApp } from './api/api';
import { ConnectScreen } from './start/ConnectScreen';
import { StartScreen } from './start/StartScreen';
import { useNoticePlace } from './stores/notices';
import { useProjectStore, whenAccountKnown } from './stores/project-store';
import { areasFor, areaToShow } from './shell/areas';
import { Notices } from './ui/Notices';

// The first area's data and code are fetched while the host still answers who else is in the
// project; the data first, so it is not queued behind the code's files for one of the six
// connections a browser keeps to a host over HTTP/1.1.
whenAccountKnown((account) => {
  const area = areaToShow(areasFor(account.role), window.location.hash.slice(1));
  area.readAhead?.();
  area.preload();
});

/**
 * Top level (`main.tsx` asks the back end what to show before it renders this): the project chooser (for the person who started Concord) until a project is
 * open, then signing in, then the project's shell.
 */
export function App() {
  const phase = useProjectStore((s) => s.phase);
  const project = useProjectStore((s) => s.project);
  const account = useProjectStore((s) => s.account);
  const signIn = useProjectStore((s) => s.signIn);

  // The shell names its own places (screen by screen); these are the screens before it.
  useNoticePlace(phase === 'loading' || (project && account) ? null : signIn?.project ? `sign-in ${signIn.project.name}` : 'start');

  return (
    <>
      {phase === 'loading' ? (
        <div className="splash">Loading Concord…</div>
      ) : project && account ? (
        <Shell project={project} />
      ) : signIn?.project ? (
        <SignInScreen options={signIn} />
      ) : signIn?.owner ? (
        <StartScreen />
      ) : inDesktopApp ? (
        <div className="splash">No project is open.</div>
      ) : (
        // A team server's own address (several projects), or a local server with nothing open: sign in to a server's projects.
        <ConnectScreen />
      )}
      <Notices />
    </>
  );
}
